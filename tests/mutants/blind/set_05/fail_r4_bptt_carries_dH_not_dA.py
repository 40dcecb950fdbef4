# expect: fail
# exercise: 1
# what: carries dL/dH_{t+1} back instead of dL/dA_{t+1}: the through-time term is dH_next W_hh^T, so the next step's tanh derivative is skipped on the way back (only step t's own tanh factor is applied)
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
    Hs, Ps = [H0], []
    for t in range(T):
        Hs.append(np.tanh(X[t] @ W_xh + Hs[-1] @ W_hh + b_h))
        Ps.append(softmax(Hs[-1] @ W_hq + b_q))
    rows = np.arange(B)
    loss = -sum(np.log(Ps[t][rows, Y[t]]).sum() for t in range(T)) / (T * B)
    grads = {k: np.zeros_like(v) for k, v in params.items()}
    dH_next = np.zeros_like(H0)
    for t in range(T - 1, -1, -1):
        dO = Ps[t].copy()
        dO[rows, Y[t]] -= 1
        dO /= T * B
        grads["W_hq"] += Hs[t + 1].T @ dO
        grads["b_q"] += dO.sum(axis=0)
        dH = dO @ W_hq.T + dH_next @ W_hh.T
        dA = dH * (1 - Hs[t + 1] ** 2)
        grads["W_xh"] += X[t].T @ dA
        grads["W_hh"] += Hs[t].T @ dA
        grads["b_h"] += dA.sum(axis=0)
        dH_next = dH
    return loss, grads
