# expect: pass
# exercise: 2
# what: lets torch autograd (float64) do the walk back: retain_grad on every state, L = sum(H_T * g_last), norms returned as a NumPy array
# %% cell 05-09
def grad_wrt_states(X, H0, W_xh, W_hh, b_h, g_last):
    """Norms of dL/dH_t for t = 1..T when L depends on H_T only, with dL/dH_T = g_last.
    """
    T = X.shape[0]
    Hs = [H0]
    for t in range(T):
        Hs.append(np.tanh(X[t] @ W_xh + Hs[-1] @ W_hh + b_h))
    as64 = lambda a: torch.as_tensor(np.asarray(a), dtype=torch.float64)
    Xt, Wx, Wh, bh = as64(X), as64(W_xh), as64(W_hh), as64(b_h)
    H = as64(H0).clone().requires_grad_()
    states = []
    for t in range(T):
        H = torch.tanh(Xt[t] @ Wx + H @ Wh + bh)
        H.retain_grad()
        states.append(H)
    (states[-1] * as64(g_last)).sum().backward()
    return np.array([torch.linalg.norm(s.grad).item() for s in states])
