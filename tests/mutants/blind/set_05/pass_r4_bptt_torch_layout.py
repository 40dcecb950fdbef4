# expect: pass
# exercise: 1
# what: transposes the weights once into the book's PyTorch (outputs, inputs) layout, runs forward and backward there with states in a preallocated (T+1, B, h) array, and transposes the weight gradients back at the end
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
    # work in the (outputs, inputs) layout of chapter 3
    W_ih, W_rec, W_out = W_xh.T, W_hh.T, W_hq.T
    h = W_rec.shape[0]
    H = np.empty((T + 1, B, h))
    H[0] = H0
    P = np.empty((T, B, W_out.shape[0]))
    for t in range(T):
        H[t + 1] = np.tanh(X[t] @ W_ih.T + H[t] @ W_rec.T + b_h)
        P[t] = softmax(H[t + 1] @ W_out.T + b_q)
    rows = np.arange(B)
    loss = 0.0
    for t in range(T):
        loss -= np.log(P[t, rows, Y[t]]).sum()
    loss /= T * B

    g_ih, g_rec, g_out = (np.zeros_like(W_ih), np.zeros_like(W_rec),
                          np.zeros_like(W_out))
    g_bh, g_bq = np.zeros_like(b_h), np.zeros_like(b_q)
    dA_next = np.zeros((B, h))
    for t in reversed(range(T)):
        dO = P[t].copy()
        dO[rows, Y[t]] -= 1.0
        dO /= T * B
        g_out += dO.T @ H[t + 1]          # (q, h) layout
        g_bq += dO.sum(axis=0)
        dH = dO @ W_out + dA_next @ W_rec
        dA = dH * (1.0 - H[t + 1] ** 2)
        g_ih += dA.T @ X[t]
        g_rec += dA.T @ H[t]
        g_bh += dA.sum(axis=0)
        dA_next = dA
    grads = {"W_xh": g_ih.T.copy(), "W_hh": g_rec.T.copy(), "b_h": g_bh,
             "W_hq": g_out.T.copy(), "b_q": g_bq}
    return loss, grads
