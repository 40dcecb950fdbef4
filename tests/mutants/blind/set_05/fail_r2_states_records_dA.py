# expect: fail
# exercise: 2
# what: records the norm after the step's tanh factor, i.e. of dL/dA_t = dL/dH_t * (1 - H_t^2), instead of the norm of dL/dH_t itself
# %% cell 05-09
def grad_wrt_states(X, H0, W_xh, W_hh, b_h, g_last):
    """Norms of dL/dH_t for t = 1..T when L depends on H_T only, with dL/dH_T = g_last.
    """
    T = X.shape[0]
    Hs = [H0]
    for t in range(T):
        Hs.append(np.tanh(X[t] @ W_xh + Hs[-1] @ W_hh + b_h))
    norms = np.empty(T)
    dH = g_last
    for t in range(T, 0, -1):
        dA = dH * (1 - Hs[t] ** 2)          # through the tanh of step t
        norms[t - 1] = np.linalg.norm(dA)
        dH = dA @ W_hh.T                     # on to step t - 1
    return norms
