# expect: pass
# exercise: 1
# what: computes all output-side gradients in one vectorised shot before the recurrent loop, takes log-probabilities with np.take_along_axis
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
    states = [H0]
    for t in range(T):
        states.append(np.tanh(X[t] @ W_xh + states[-1] @ W_hh + b_h))
    Hs = np.stack(states[1:])                       # (T, B, h)
    P = softmax(Hs @ W_hq + b_q)                     # (T, B, q)
    picked = np.take_along_axis(P, Y[..., None], axis=-1)[..., 0]
    loss = -np.log(picked).sum() / (T * B)
    dO = P.copy()
    np.put_along_axis(dO, Y[..., None], picked[..., None] - 1.0, axis=-1)
    dO = dO / (T * B)
    dW_hq = Hs.reshape(T * B, -1).T @ dO.reshape(T * B, -1)
    db_q = dO.sum(axis=(0, 1))
    dH_out = dO @ W_hq.T                             # output share of dL/dH_t, all t
    dW_xh, dW_hh, db_h = np.zeros_like(W_xh), np.zeros_like(W_hh), np.zeros_like(b_h)
    dA_next = np.zeros_like(H0)
    for t in range(T - 1, -1, -1):
        dA = (dH_out[t] + dA_next @ W_hh.T) * (1 - states[t + 1] ** 2)
        dW_xh += X[t].T @ dA
        dW_hh += states[t].T @ dA
        db_h += dA.sum(0)
        dA_next = dA
    return loss, {"W_xh": dW_xh, "W_hh": dW_hh, "b_h": db_h, "W_hq": dW_hq, "b_q": db_q}
