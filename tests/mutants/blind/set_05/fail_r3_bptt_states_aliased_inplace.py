# expect: fail
# exercise: 1
# what: saves memory by updating the state in place (np.tanh(..., out=H) on one buffer) and appending that buffer every step: every entry of the stored state list is the same array (the last state), so the backward pass uses H_T everywhere
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
    H = H0.astype(float)           # own buffer, H0 itself is not touched
    Hs, Ps = [H0], []
    for t in range(T):
        np.tanh(X[t] @ W_xh + H @ W_hh + b_h, out=H)
        Hs.append(H)
        Ps.append(softmax(H @ W_hq + b_q))
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
        grads["W_xh"] += X[t].T @ dA
        grads["W_hh"] += Hs[t].T @ dA
        grads["b_h"] += dA.sum(axis=0)
        dA_next = dA
    return loss, grads
