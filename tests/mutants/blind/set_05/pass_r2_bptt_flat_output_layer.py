# expect: pass
# exercise: 1
# what: output side on flattened (T*B, ...) arrays: one softmax, one loss, dW_hq and db_q in one product; only the recurrent part loops back in time, writing dA into a preallocated (T, B, h) array; weight gradients via np.tensordot
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
    # forward: states H_1..H_T in one array (H_0 kept separately)
    H = np.empty((T, B, h))
    prev = H0
    for t in range(T):
        prev = np.tanh(X[t] @ W_xh + prev @ W_hh + b_h)
        H[t] = prev
    H_flat = H.reshape(T * B, h)
    P = softmax(H_flat @ W_hq + b_q)                    # (T*B, q)
    y = Y.reshape(T * B)
    rows = np.arange(T * B)
    loss = -np.mean(np.log(P[rows, y]))
    dO = P.copy()
    dO[rows, y] -= 1.0
    dO /= T * B
    dW_hq = H_flat.T @ dO
    db_q = dO.sum(axis=0)
    dH_out = (dO @ W_hq.T).reshape(T, B, h)             # output share of dL/dH_t
    dA = np.empty((T, B, h))
    carry = np.zeros((B, h))                            # dL/dA_{t+1} W_hh^T
    for t in reversed(range(T)):
        dA[t] = (dH_out[t] + carry) * (1.0 - H[t] ** 2)
        carry = dA[t] @ W_hh.T
    H_prev = np.concatenate([H0[None], H[:-1]], axis=0)  # H_0..H_{T-1}
    grads = {
        "W_xh": np.tensordot(X, dA, axes=([0, 1], [0, 1])),
        "W_hh": np.tensordot(H_prev, dA, axes=([0, 1], [0, 1])),
        "b_h": dA.sum(axis=(0, 1)),
        "W_hq": dW_hq,
        "b_q": db_q,
    }
    return loss, grads
