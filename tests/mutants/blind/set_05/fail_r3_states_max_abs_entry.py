# expect: fail
# exercise: 2
# what: records the largest absolute entry of dL/dH_t (np.abs(G).max(), the infinity norm) as its 'size' instead of the (Euclidean/Frobenius) norm of dL/dH_t
# %% cell 05-09
def grad_wrt_states(X, H0, W_xh, W_hh, b_h, g_last):
    """Norms of dL/dH_t for t = 1..T when L depends on H_T only, with dL/dH_T = g_last.
    """
    T = X.shape[0]
    Hs = [H0]
    for t in range(T):
        Hs.append(np.tanh(X[t] @ W_xh + Hs[-1] @ W_hh + b_h))
    G, sizes = g_last, []
    for t in range(T, 0, -1):
        sizes.append(np.abs(G).max())
        G = (G * (1 - Hs[t] ** 2)) @ W_hh.T
    sizes.reverse()
    return np.array(sizes)
