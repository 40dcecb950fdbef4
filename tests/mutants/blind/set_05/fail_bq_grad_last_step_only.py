# expect: fail
# exercise: 1
# what: dL/db_q assigned (=) from each step instead of summed over time, so only the share of the last step the backward loop visits (t = 1) survives
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
    q = W_hq.shape[1]
    Hs, Ps = [H0], []
    loss = 0.0
    for t in range(T):
        H = np.tanh(X[t] @ W_xh + Hs[-1] @ W_hh + b_h)
        P = softmax(H @ W_hq + b_q)
        Hs.append(H)
        Ps.append(P)
        loss -= np.log(P[np.arange(B), Y[t]]).sum()
    loss /= T * B
    grads = {k: np.zeros_like(v) for k, v in params.items()}
    dA_next = np.zeros_like(H0)
    for t in reversed(range(T)):
        dO = (Ps[t] - np.eye(q)[Y[t]]) / (T * B)
        grads["W_hq"] += Hs[t + 1].T @ dO
        grads["b_q"] = dO.sum(axis=0)
        dH = dO @ W_hq.T + dA_next @ W_hh.T
        dA = dH * (1 - Hs[t + 1] ** 2)
        grads["W_hh"] += Hs[t].T @ dA
        grads["W_xh"] += X[t].T @ dA
        grads["b_h"] += dA.sum(axis=0)
        dA_next = dA
    return loss, grads
