# expect: pass
# exercise: 1
# what: one-hot labels via np.eye(q)[Y], forward and backward in one loop style with np.add(..., out=) accumulation into zeros_like buffers and an explicit dH_next carried instead of dA_next
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
    Y1 = np.eye(q)[Y]                                   # (T, B, q) one-hot
    states, probs = [H0], []
    for t in range(T):
        states.append(np.tanh(X[t] @ W_xh + states[t] @ W_hh + b_h))
        probs.append(softmax(states[t + 1] @ W_hq + b_q))
    loss = -sum(np.sum(Y1[t] * np.log(probs[t])) for t in range(T)) / (T * B)
    g = {name: np.zeros_like(value) for name, value in params.items()}
    dH_next = np.zeros_like(H0)                         # dL/dH_t coming from step t+1
    for t in reversed(range(T)):
        dO = (probs[t] - Y1[t]) / (T * B)
        np.add(g["W_hq"], states[t + 1].T @ dO, out=g["W_hq"])
        np.add(g["b_q"], dO.sum(0), out=g["b_q"])
        dA = (dO @ W_hq.T + dH_next) * (1 - states[t + 1] ** 2)
        np.add(g["W_xh"], X[t].T @ dA, out=g["W_xh"])
        np.add(g["W_hh"], states[t].T @ dA, out=g["W_hh"])
        np.add(g["b_h"], dA.sum(0), out=g["b_h"])
        dH_next = dA @ W_hh.T
    return float(loss), g
