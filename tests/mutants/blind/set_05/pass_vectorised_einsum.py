# expect: pass
# exercise: 1
# what: preallocated arrays for states and dA, log-softmax via logsumexp, weight gradients with einsum over all steps after the backward loop
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
    h, q = W_hh.shape[0], W_hq.shape[1]
    H = np.empty((T + 1, B, h))
    H[0] = H0
    for t in range(T):
        H[t + 1] = np.tanh(X[t] @ W_xh + H[t] @ W_hh + b_h)
    O = H[1:] @ W_hq + b_q                                  # (T, B, q)
    m = O.max(axis=-1, keepdims=True)
    logZ = m + np.log(np.exp(O - m).sum(axis=-1, keepdims=True))
    logP = O - logZ
    tt, bb = np.meshgrid(np.arange(T), np.arange(B), indexing="ij")
    loss = -logP[tt, bb, Y].mean()
    dO = np.exp(logP)
    dO[tt, bb, Y] -= 1.0
    dO /= T * B
    dA = np.zeros((T, B, h))
    carry = np.zeros((B, h))
    for t in range(T - 1, -1, -1):
        dH_t = dO[t] @ W_hq.T + carry @ W_hh.T
        dA[t] = dH_t * (1.0 - H[t + 1] ** 2)
        carry = dA[t]
    grads = {
        "W_xh": np.einsum("tbd,tbh->dh", X, dA),
        "W_hh": np.einsum("tbi,tbj->ij", H[:-1], dA),
        "b_h": dA.sum(axis=(0, 1)),
        "W_hq": np.einsum("tbh,tbq->hq", H[1:], dO),
        "b_q": dO.sum(axis=(0, 1)),
    }
    return float(loss), grads
