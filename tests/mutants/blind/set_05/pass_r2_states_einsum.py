# expect: pass
# exercise: 2
# what: walks back with einsum for the product with W_hh^T and the Frobenius norm as sqrt(einsum('ij,ij->', G, G)); fills a preallocated float64 array by t - 1
# %% cell 05-09
def grad_wrt_states(X, H0, W_xh, W_hh, b_h, g_last):
    """Norms of dL/dH_t for t = 1..T when L depends on H_T only, with dL/dH_T = g_last.
    """
    T = X.shape[0]
    Hs = [H0]
    for t in range(T):
        Hs.append(np.tanh(X[t] @ W_xh + Hs[-1] @ W_hh + b_h))
    out = np.empty(T, dtype=np.float64)
    G = np.asarray(g_last, dtype=np.float64)            # dL/dH_T
    for t in range(T, 0, -1):
        out[t - 1] = np.sqrt(np.einsum("ij,ij->", G, G))
        dA = G * (1.0 - Hs[t] ** 2)                      # through the tanh of step t
        G = np.einsum("bk,jk->bj", dA, W_hh)             # dA @ W_hh.T
    return out
