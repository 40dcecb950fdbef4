# expect: fail
# exercise: 2
# what: tanh derivative written as 1 - tanh(H_t)^2 with H_t already the tanh output (tanh applied twice), instead of 1 - H_t^2: a smaller-than-true damping factor, so the norms decay too slowly
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
        norms.append(np.sqrt((G ** 2).sum()))
        G = (G * (1 - np.tanh(Hs[t]) ** 2)) @ W_hh.T
    return np.array(norms[::-1])
