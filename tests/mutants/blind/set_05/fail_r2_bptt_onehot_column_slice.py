# expect: fail
# exercise: 1
# what: NumPy indexing slip: dO[:, Y[t]] -= 1 subtracts 1 in the label columns of EVERY row (and only once per repeated label) instead of at (b, y_{t,b})
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
        H = np.tanh(X[t] @ W_xh + Hs[-1] @ W_hh + b_h)
        Hs.append(H)
        Ps.append(softmax(H @ W_hq + b_q))
    loss = 0.0
    for t in range(T):
        loss -= np.log(Ps[t][np.arange(B), Y[t]]).sum()
    loss /= T * B
    grads = {k: np.zeros_like(v) for k, v in params.items()}
    dA_next = np.zeros_like(H0)
    for t in range(T - 1, -1, -1):
        dO = Ps[t].copy()
        dO[:, Y[t]] -= 1
        dO /= T * B
        grads["W_hq"] += Hs[t + 1].T @ dO
        grads["b_q"] += dO.sum(axis=0)
        dH = dO @ W_hq.T + dA_next @ W_hh.T
        dA = dH * (1 - Hs[t + 1] ** 2)
        grads["W_xh"] += X[t].T @ dA
        grads["W_hh"] += Hs[t].T @ dA
        grads["b_h"] += dA.sum(axis=0)
        dA_next = dA
    return loss, grads
