# expect: pass
# exercise: 1
# what: forward into preallocated (T+1, B, h) and (T, B, q) arrays; the backward pass is a recursive helper back(t, dA_next) that adds step t's share into the gradient dict and calls itself for t - 1; loss via log-sum-exp
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
    h = W_hh.shape[0]
    H = np.empty((T + 1, B, h))
    O = np.empty((T, B, W_hq.shape[1]))
    H[0] = H0
    for t in range(T):
        H[t + 1] = np.tanh(X[t] @ W_xh + H[t] @ W_hh + b_h)
        O[t] = H[t + 1] @ W_hq + b_q
    m = O.max(axis=-1, keepdims=True)
    logZ = (m + np.log(np.exp(O - m).sum(axis=-1, keepdims=True)))[..., 0]
    picked = np.take_along_axis(O, Y[..., None], axis=-1)[..., 0]
    loss = (logZ - picked).sum() / (T * B)
    P = np.exp(O - logZ[..., None])
    grads = {k: np.zeros_like(v, dtype=float) for k, v in params.items()}

    def back(t, dA_next):
        if t < 0:
            return
        dO = P[t].copy()
        dO[np.arange(B), Y[t]] -= 1.0
        dO *= 1.0 / (T * B)
        grads["W_hq"] += H[t + 1].T @ dO
        grads["b_q"] += dO.sum(0)
        dA = (dO @ W_hq.T + dA_next @ W_hh.T) * (1.0 - H[t + 1] ** 2)
        grads["W_xh"] += X[t].T @ dA
        grads["W_hh"] += H[t].T @ dA
        grads["b_h"] += dA.sum(0)
        back(t - 1, dA)

    back(T - 1, np.zeros((B, h)))
    return loss, grads
