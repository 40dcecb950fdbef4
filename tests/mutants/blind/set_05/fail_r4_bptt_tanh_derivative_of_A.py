# expect: fail
# exercise: 1
# what: writes the tanh derivative as 1 - A_t^2 with A_t the stored pre-activation (d tanh(a)/da = 1 - tanh(a)^2 misread as 1 - a^2) instead of 1 - H_t^2
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
    Hs, As, Ps = [H0], [], []
    for t in range(T):
        A = X[t] @ W_xh + Hs[-1] @ W_hh + b_h
        As.append(A)
        Hs.append(np.tanh(A))
        Ps.append(softmax(Hs[-1] @ W_hq + b_q))
    rows = np.arange(B)
    loss = -np.mean([np.log(Ps[t][rows, Y[t]]) for t in range(T)])
    grads = {k: np.zeros_like(v) for k, v in params.items()}
    dA_next = np.zeros_like(H0)
    for t in reversed(range(T)):
        dO = Ps[t].copy()
        dO[rows, Y[t]] -= 1
        dO /= T * B
        grads["W_hq"] += Hs[t + 1].T @ dO
        grads["b_q"] += dO.sum(axis=0)
        dH = dO @ W_hq.T + dA_next @ W_hh.T
        dA = dH * (1 - As[t] ** 2)       # derivative of tanh at A_t
        grads["W_xh"] += X[t].T @ dA
        grads["W_hh"] += Hs[t].T @ dA
        grads["b_h"] += dA.sum(axis=0)
        dA_next = dA
    return loss, grads
