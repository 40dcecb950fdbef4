# expect: fail
# exercise: 1
# what: keeps only H_1..H_T in the list and takes the previous state as Hs[t - 1]; at t = 0 Python's index -1 silently gives H_T instead of H_0, so the first step's share of dL/dW_hh is H_T^T dA_1
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
    Hs, Ps = [], []
    H = H0
    for t in range(T):
        H = np.tanh(X[t] @ W_xh + H @ W_hh + b_h)
        Hs.append(H)
        Ps.append(softmax(H @ W_hq + b_q))
    rows = np.arange(B)
    loss = 0.0
    for t in range(T):
        loss += -np.log(Ps[t][rows, Y[t]]).sum()
    loss /= T * B
    dW_xh, dW_hh, db_h = np.zeros_like(W_xh), np.zeros_like(W_hh), np.zeros_like(b_h)
    dW_hq, db_q = np.zeros_like(W_hq), np.zeros_like(b_q)
    dA_next = np.zeros_like(H0)
    for t in range(T - 1, -1, -1):
        dO = Ps[t].copy()
        dO[rows, Y[t]] -= 1
        dO /= T * B
        dW_hq += Hs[t].T @ dO
        db_q += dO.sum(axis=0)
        dH = dO @ W_hq.T + dA_next @ W_hh.T
        dA = dH * (1 - Hs[t] ** 2)
        dW_xh += X[t].T @ dA
        dW_hh += Hs[t - 1].T @ dA          # previous state
        db_h += dA.sum(axis=0)
        dA_next = dA
    grads = {"W_xh": dW_xh, "W_hh": dW_hh, "b_h": db_h, "W_hq": dW_hq, "b_q": db_q}
    return loss, grads
