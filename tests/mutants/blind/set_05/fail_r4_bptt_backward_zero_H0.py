# expect: fail
# exercise: 1
# what: the forward pass starts from the given H0, but the backward pass takes the previous state of the first step as zeros (np.zeros_like when t == 0), so the first step's share of dL/dW_hh (H_0^T dA_1) is dropped; right only when H0 = 0
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
    states, probs = [], []
    H = H0
    for t in range(T):
        H = np.tanh(X[t] @ W_xh + H @ W_hh + b_h)
        states.append(H)
        probs.append(softmax(H @ W_hq + b_q))
    rows = np.arange(B)
    loss = float(-sum(np.log(probs[t][rows, Y[t]]).sum() for t in range(T)) / (T * B))
    grads = {name: np.zeros_like(value) for name, value in params.items()}
    dA_next = np.zeros((B, W_hh.shape[0]))
    for t in range(T - 1, -1, -1):
        H_t = states[t]
        H_prev = states[t - 1] if t > 0 else np.zeros_like(H_t)   # the state before step 1
        dO = probs[t].copy()
        dO[rows, Y[t]] -= 1
        dO /= T * B
        grads["W_hq"] += H_t.T @ dO
        grads["b_q"] += dO.sum(axis=0)
        dA = (dO @ W_hq.T + dA_next @ W_hh.T) * (1 - H_t ** 2)
        grads["W_xh"] += X[t].T @ dA
        grads["W_hh"] += H_prev.T @ dA
        grads["b_h"] += dA.sum(axis=0)
        dA_next = dA
    return loss, grads
