# expect: fail
# exercise: 2
# what: takes np.linalg.norm(G, 2) of the (B, h) gradient, the matrix 2-norm (largest singular value), not the Euclidean/Frobenius norm of dL/dH_t: identical for one batch row, smaller for a batch of several rows
# %% cell 05-09
def grad_wrt_states(X, H0, W_xh, W_hh, b_h, g_last):
    """Norms of dL/dH_t for t = 1..T when L depends on H_T only, with dL/dH_T = g_last.
    """
    T = X.shape[0]
    Hs = [H0]
    for t in range(T):
        Hs.append(np.tanh(X[t] @ W_xh + Hs[-1] @ W_hh + b_h))
    G, norms = g_last, []
    for t in range(T, 0, -1):
        norms.append(np.linalg.norm(G, 2))
        G = (G * (1 - Hs[t] ** 2)) @ W_hh.T
    return np.array(norms[::-1])
