# expect: pass
# exercise: 2
# what: a nested generator yields dL/dH_t from t = T down to 1 (each step: tanh factor, then W_hh^T, written as a product with the explicit transposed matrix); norms collected with np.fromiter and flipped with [::-1]; float64 copy of g_last, never modified
# %% cell 05-09
def grad_wrt_states(X, H0, W_xh, W_hh, b_h, g_last):
    """Norms of dL/dH_t for t = 1..T when L depends on H_T only, with dL/dH_T = g_last.
    """
    T = X.shape[0]
    Hs = [H0]
    for t in range(T):
        Hs.append(np.tanh(X[t] @ W_xh + Hs[-1] @ W_hh + b_h))
    W_back = np.ascontiguousarray(W_hh.T)

    def walk_back():
        G = np.array(g_last, dtype=np.float64)   # own copy
        for t in range(T, 0, -1):
            yield G                               # dL/dH_t
            G = np.matmul(G * (1.0 - np.square(Hs[t])), W_back)

    sizes = np.fromiter((np.sqrt((G * G).sum()) for G in walk_back()), dtype=np.float64,
                        count=T)
    return sizes[::-1].copy()
