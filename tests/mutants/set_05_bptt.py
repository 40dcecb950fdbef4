"""Wrong solutions of solutions/05_bptt.ipynb: BPTT in NumPy, gradient norms through time."""

import numpy as np

from rnnlab import checks


def bptt(X, Y, H0, params, mistake=None):
    W_xh, W_hh, b_h, W_hq, b_q = (params[k] for k in ("W_xh", "W_hh", "b_h", "W_hq", "b_q"))
    T, B, _ = X.shape
    Hs, Ps, loss = [np.zeros_like(H0) if mistake == "zero_H0" else H0], [], 0.0
    for t in range(T):
        Hs.append(np.tanh(X[t] @ W_xh + Hs[-1] @ W_hh + b_h))
        O = Hs[-1] @ W_hq + b_q
        P = np.exp(O - O.max(-1, keepdims=True))
        Ps.append(P / P.sum(-1, keepdims=True))
        loss -= np.log(Ps[-1][np.arange(B), Y[t]]).sum()
    grads, dA_next = {k: np.zeros_like(v) for k, v in params.items()}, np.zeros_like(H0)
    n = B if mistake == "mean_over_batch_only" else T * B
    for t in reversed(range(T)):
        dO = Ps[t].copy()
        dO[np.arange(B), Y[t]] -= 1
        dO /= n
        grads["W_hq"] += Hs[t + 1].T @ dO
        grads["b_q"] += dO.sum(0) if mistake != "bias_not_summed" else dO[0]
        carry = (
            0 if mistake == "no_carry" else dA_next @ (W_hh if mistake == "W_hh_not_transposed" else W_hh.T)
        )
        deriv = (1 - Hs[t + 1]) if mistake == "tanh_prime" else (1 - Hs[t + 1] ** 2)
        dA = (dO @ W_hq.T + carry) * deriv
        grads["W_xh"] += X[t].T @ dA
        grads["W_hh"] += (dA.T @ Hs[t]) if mistake == "W_hh_grad_transposed" else Hs[t].T @ dA
        grads["b_h"] += dA.sum(0)
        dA_next = dA
    return loss / (1 if mistake == "loss_sum" else n), grads


def state_grads(X, H0, W_xh, W_hh, b_h, g, mistake=None):
    Hs = [H0]
    for x in X:
        Hs.append(np.tanh(x @ W_xh + Hs[-1] @ W_hh + b_h))
    norms, dH = [], g
    for t in reversed(range(1, len(X) + 1)):
        norms.append(np.linalg.norm(dH))
        deriv = 1 if mistake == "no_tanh_prime" else (1 - Hs[t] ** 2)
        dH = (dH * deriv) @ (W_hh if mistake == "W_hh_not_transposed" else W_hh.T)
    if mistake == "with_H0":
        norms.append(np.linalg.norm(dH))
    return norms if mistake == "reversed" else norms[::-1]


def b(mistake):
    return lambda: checks.check_bptt(lambda *a: bptt(*a, mistake=mistake))


def s(mistake):
    return lambda: checks.check_state_gradients(lambda *a: state_grads(*a, mistake=mistake))


MUTANTS = {
    "bptt_no_carry_through_time": (b("no_carry"), "from step t+1"),
    "bptt_W_hh_not_transposed": (b("W_hh_not_transposed"), "from step t+1"),
    "bptt_tanh_prime_wrong": (b("tanh_prime"), "tanh' = 1 - H**2"),
    "bptt_W_hh_grad_transposed": (b("W_hh_grad_transposed"), "relative error"),
    "bptt_bias_not_summed": (b("bias_not_summed"), "sum bias gradients over the batch"),
    "bptt_loss_summed": (b("loss_sum"), "1/(num_steps * batch_size)"),
    "bptt_mean_over_batch_only": (b("mean_over_batch_only"), "1/(num_steps * batch_size)"),
    "bptt_ignores_H0": (b("zero_H0"), "start the recursion from the given H0"),
    "state_grads_reversed": (s("reversed"), "reversed"),
    "state_grads_no_tanh_prime": (s("no_tanh_prime"), "tanh'"),
    "state_grads_W_hh_not_transposed": (s("W_hh_not_transposed"), "W_hh.T"),
    "state_grads_includes_H0": (s("with_H0"), "without H_0"),
}

CORRECT = {
    "bptt": b(None),
    "state_grads": s(None),
}
