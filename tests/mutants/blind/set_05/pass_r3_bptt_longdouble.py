# expect: pass
# exercise: 1
# what: computes forward and backward in np.longdouble (extended precision) with per-step contributions stacked and summed at the end, then casts loss and gradients back to float64; loss returned as a Python float
# %% cell 05-04
def softmax(O):
    E = np.exp(O - O.max(axis=-1, keepdims=True))  # subtract the max: no overflow
    return E / E.sum(axis=-1, keepdims=True)


def bptt(X, Y, H0, params):
    """Loss and gradients of a one-layer tanh RNN with a softmax output, by
    backpropagation through time."""
    W_xh, W_hh, b_h, W_hq, b_q = (params[k] for k in ("W_xh", "W_hh", "b_h", "W_hq",
                                                      "b_q"))
    T, B, _ = X.shape
    ld = np.longdouble
    Xl, Hprev = X.astype(ld), H0.astype(ld)
    Wxh, Whh, bh, Whq, bq = (a.astype(ld) for a in (W_xh, W_hh, b_h, W_hq, b_q))
    Hs, Ps = [Hprev], []
    for t in range(T):
        Hs.append(np.tanh(Xl[t] @ Wxh + Hs[-1] @ Whh + bh))
        O = Hs[-1] @ Whq + bq
        E = np.exp(O - O.max(axis=1, keepdims=True))
        Ps.append(E / E.sum(axis=1, keepdims=True))
    rows = np.arange(B)
    loss = -sum(np.log(Ps[t][rows, Y[t]]).sum() for t in range(T)) / (T * B)
    parts = {k: [] for k in params}
    dA_next = np.zeros_like(Hprev)
    for t in reversed(range(T)):
        onehot = np.zeros_like(Ps[t])
        onehot[rows, Y[t]] = 1
        dO = (Ps[t] - onehot) / (T * B)
        parts["W_hq"].append(Hs[t + 1].T @ dO)
        parts["b_q"].append(dO.sum(axis=0))
        dA = (dO @ Whq.T + dA_next @ Whh.T) * (1 - Hs[t + 1] ** 2)
        parts["W_xh"].append(Xl[t].T @ dA)
        parts["W_hh"].append(Hs[t].T @ dA)
        parts["b_h"].append(dA.sum(axis=0))
        dA_next = dA
    grads = {k: np.sum(np.stack(v), axis=0).astype(np.float64) for k, v in parts.items()}
    return float(loss), grads
