# expect: fail
# exercise: 1
# what: dL/dW_xh accumulates X_t^T dL/dH_t (before the tanh derivative) instead of X_t^T dL/dA_t; every other gradient is right
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
    Ps = np.stack(Ps)
    loss = -np.log(Ps[np.arange(T)[:, None], np.arange(B)[None, :], Y]).mean()
    grads = {k: np.zeros_like(v) for k, v in params.items()}
    dA_next = np.zeros_like(H0)
    for t in range(T - 1, -1, -1):
        dO = Ps[t].copy()
        dO[np.arange(B), Y[t]] -= 1
        dO /= T * B
        grads["W_hq"] += Hs[t + 1].T @ dO
        grads["b_q"] += dO.sum(axis=0)
        dH = dO @ W_hq.T + dA_next @ W_hh.T
        dA = dH * (1 - Hs[t + 1] ** 2)
        grads["W_xh"] += X[t].T @ dH
        grads["W_hh"] += Hs[t].T @ dA
        grads["b_h"] += dA.sum(axis=0)
        dA_next = dA
    return loss, grads
