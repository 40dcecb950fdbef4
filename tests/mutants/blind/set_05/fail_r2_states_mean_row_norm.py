# expect: fail
# exercise: 2
# what: takes the norm of each batch row of dL/dH_t and averages them, instead of the norm of the whole gradient dL/dH_t (differs for batches of more than one row)
# %% cell 05-09
def grad_wrt_states(X, H0, W_xh, W_hh, b_h, g_last):
    """Norms of dL/dH_t for t = 1..T when L depends on H_T only, with dL/dH_T = g_last.
    """
    T = X.shape[0]
    Hs = [H0]
    for t in range(T):
        Hs.append(np.tanh(X[t] @ W_xh + Hs[-1] @ W_hh + b_h))
    dH = g_last
    norms = np.zeros(T)
    for t in range(T, 0, -1):
        norms[t - 1] = np.linalg.norm(dH, axis=1).mean()  # per sequence, averaged
        dH = (dH * (1 - Hs[t] ** 2)) @ W_hh.T
    return norms
