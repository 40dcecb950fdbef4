# expect: pass
# exercise: 2
# what: in-place NumPy arithmetic on one work buffer (np.multiply/np.matmul with out=), norms via np.linalg.norm(G.ravel()) written into a preallocated array filled from the end
# %% cell 05-09
def grad_wrt_states(X, H0, W_xh, W_hh, b_h, g_last):
    """Norms of dL/dH_t for t = 1..T when L depends on H_T only, with dL/dH_T = g_last.
    """
    T = X.shape[0]
    Hs = [H0]
    for t in range(T):
        Hs.append(np.tanh(X[t] @ W_xh + Hs[-1] @ W_hh + b_h))
    G = np.array(g_last, dtype=np.float64, copy=True)
    tmp = np.empty_like(G)
    norms = np.empty(T)
    for t in range(T, 0, -1):
        norms[t - 1] = np.linalg.norm(G.ravel())
        np.multiply(G, 1.0 - Hs[t] * Hs[t], out=tmp)
        np.matmul(tmp, W_hh.T, out=G)
    return norms
