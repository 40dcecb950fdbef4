# expect: pass
# exercise: 2
# what: preallocates the result, fills it from index T-1 down, Frobenius norm via sqrt of sum of squares
# %% cell 05-09
def grad_wrt_states(X, H0, W_xh, W_hh, b_h, g_last):
    """Norms of dL/dH_t for t = 1..T when L depends on H_T only, with dL/dH_T = g_last.
    """
    T = X.shape[0]
    Hs = [H0]
    for t in range(T):
        Hs.append(np.tanh(X[t] @ W_xh + Hs[-1] @ W_hh + b_h))
    norms = np.empty(T)
    grad = np.array(g_last, dtype=float)
    for i in range(T - 1, -1, -1):          # i = t - 1 indexes H_t = Hs[i + 1]
        norms[i] = np.sqrt((grad ** 2).sum())
        if i > 0:
            grad = (grad * (1.0 - Hs[i + 1] ** 2)) @ W_hh.T
    return norms
