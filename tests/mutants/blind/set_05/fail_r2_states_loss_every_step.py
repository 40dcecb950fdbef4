# expect: fail
# exercise: 2
# what: adds g_last again at every step while walking back (as if each step's output had a loss), although only the loss at the last step counts
# %% cell 05-09
def grad_wrt_states(X, H0, W_xh, W_hh, b_h, g_last):
    """Norms of dL/dH_t for t = 1..T when L depends on H_T only, with dL/dH_T = g_last.
    """
    T = X.shape[0]
    Hs = [H0]
    for t in range(T):
        Hs.append(np.tanh(X[t] @ W_xh + Hs[-1] @ W_hh + b_h))
    dH = np.zeros_like(g_last)
    norms = []
    for t in range(T, 0, -1):
        dH = dH + g_last                     # the gradient arriving from the output
        norms.append(np.linalg.norm(dH))
        dH = (dH * (1 - Hs[t] ** 2)) @ W_hh.T
    return np.array(norms[::-1])
