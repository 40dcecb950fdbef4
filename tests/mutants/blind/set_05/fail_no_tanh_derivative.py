# expect: fail
# exercise: 2
# what: ignores the tanh: propagates through W_hh^T only, as if the RNN were linear
# %% cell 05-09
def grad_wrt_states(X, H0, W_xh, W_hh, b_h, g_last):
    """Norms of dL/dH_t for t = 1..T when L depends on H_T only, with dL/dH_T = g_last.
    """
    T = X.shape[0]
    Hs = [H0]
    for t in range(T):
        Hs.append(np.tanh(X[t] @ W_xh + Hs[-1] @ W_hh + b_h))
    g = g_last
    norms = []
    for t in range(T, 0, -1):
        norms.append(np.linalg.norm(g))
        g = g @ W_hh.T
    return np.array(norms[::-1])
