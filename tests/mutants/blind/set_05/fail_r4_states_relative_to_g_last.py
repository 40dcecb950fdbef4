# expect: fail
# exercise: 2
# what: reports every norm relative to the starting gradient, |dL/dH_t| / |g_last| (so the curve starts at 1 at t = T), instead of the norm of dL/dH_t itself that the text asks for
# %% cell 05-09
def grad_wrt_states(X, H0, W_xh, W_hh, b_h, g_last):
    """Norms of dL/dH_t for t = 1..T when L depends on H_T only, with dL/dH_T = g_last.
    """
    T = X.shape[0]
    Hs = [H0]
    for t in range(T):
        Hs.append(np.tanh(X[t] @ W_xh + Hs[-1] @ W_hh + b_h))
    G = g_last.copy()
    scale = np.linalg.norm(g_last)
    norms = []
    for t in range(T, 0, -1):
        norms.append(np.linalg.norm(G) / scale)   # relative to where it starts
        G = (G * (1 - Hs[t] ** 2)) @ W_hh.T
    return np.array(norms[::-1])
