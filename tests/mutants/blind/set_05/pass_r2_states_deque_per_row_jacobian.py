# expect: pass
# exercise: 2
# what: moves back row by row with the explicit Jacobian of each step, J = diag(1 - H_t^2) W_hh^T per batch row; norms pushed to the front of a deque (t = 1 first), returned as a list of floats
# %% cell 05-09
def grad_wrt_states(X, H0, W_xh, W_hh, b_h, g_last):
    """Norms of dL/dH_t for t = 1..T when L depends on H_T only, with dL/dH_T = g_last.
    """
    T = X.shape[0]
    Hs = [H0]
    for t in range(T):
        Hs.append(np.tanh(X[t] @ W_xh + Hs[-1] @ W_hh + b_h))
    from collections import deque
    B = g_last.shape[0]
    grad = np.array(g_last, dtype=float)                 # dL/dH_T, one row per sequence
    norms = deque()
    t = T
    while t >= 1:
        norms.appendleft(float(np.sqrt((grad ** 2).sum())))
        new = np.empty_like(grad)
        for b in range(B):
            # row vector times Jacobian dH_t/dH_{t-1} = diag(1 - H_t^2) W_hh^T
            J = np.diag(1 - Hs[t][b] ** 2) @ W_hh.T
            new[b] = grad[b] @ J
        grad = new
        t -= 1
    return list(norms)
