# expect: fail
# exercise: 2
# what: also records the norm of dL/dH_0 after the last move back, returning T + 1 norms (t = 0..T) instead of t = 1..T
# %% cell 05-09
def grad_wrt_states(X, H0, W_xh, W_hh, b_h, g_last):
    """Norms of dL/dH_t for t = 1..T when L depends on H_T only, with dL/dH_T = g_last.
    """
    T = X.shape[0]
    Hs = [H0]
    for t in range(T):
        Hs.append(np.tanh(X[t] @ W_xh + Hs[-1] @ W_hh + b_h))
    dH = g_last
    norms = [np.linalg.norm(dH)]
    for t in range(T, 0, -1):
        dA = dH * (1 - Hs[t] ** 2)
        dH = dA @ W_hh.T
        norms.append(np.linalg.norm(dH))
    return np.array(norms[::-1])
