# expect: pass
# exercise: 2
# what: does the walk back in torch float64 by hand (no autograd): states converted with torch.from_numpy, product with W_hh^T via torch.mm, Frobenius norm via torch.linalg.norm; returns a NumPy array with t = 1 first
# %% cell 05-09
def grad_wrt_states(X, H0, W_xh, W_hh, b_h, g_last):
    """Norms of dL/dH_t for t = 1..T when L depends on H_T only, with dL/dH_T = g_last.
    """
    T = X.shape[0]
    Hs = [H0]
    for t in range(T):
        Hs.append(np.tanh(X[t] @ W_xh + Hs[-1] @ W_hh + b_h))
    Ht = [torch.from_numpy(np.asarray(H, dtype=np.float64)) for H in Hs]
    Wt = torch.from_numpy(np.asarray(W_hh, dtype=np.float64))
    G = torch.from_numpy(np.asarray(g_last, dtype=np.float64))
    out = torch.empty(T, dtype=torch.float64)
    for t in range(T, 0, -1):
        out[t - 1] = torch.linalg.norm(G)
        G = torch.mm(G * (1 - Ht[t] ** 2), Wt.T)
    return out.numpy()
