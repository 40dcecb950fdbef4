# expect: fail
# exercise: 2
# what: walks back in place on G = g_last (G *= ..., no copy), so the caller's g_last array is overwritten with dL/dH_1 and the next call (the next scale in the plot, or any repeated call) starts from a wrong gradient; the first call's norms are right
# %% cell 05-09
def grad_wrt_states(X, H0, W_xh, W_hh, b_h, g_last):
    """Norms of dL/dH_t for t = 1..T when L depends on H_T only, with dL/dH_T = g_last.
    """
    T = X.shape[0]
    Hs = [H0]
    for t in range(T):
        Hs.append(np.tanh(X[t] @ W_xh + Hs[-1] @ W_hh + b_h))
    norms = np.zeros(T)
    G = g_last                       # dL/dH_T, updated in place to save allocations
    for t in range(T, 0, -1):
        norms[t - 1] = np.linalg.norm(G)
        G *= 1 - Hs[t] ** 2          # through the tanh of step t
        G[...] = G @ W_hh.T          # then back through W_hh
    return norms
