"""Wrong solutions of solutions/01_sequence_models.ipynb (windows, k-step prediction, one-step model)."""
import torch

from rnnlab.checks import experiments as ce


def windows(x, tau):
    T = len(x)
    return torch.stack([x[j:T - tau + j] for j in range(tau)], dim=1), x[tau:].reshape(-1, 1)


def k_step(net, x, tau, k):
    n = len(x) - tau - k + 1
    window, preds = torch.stack([x[j:j + n] for j in range(tau)], dim=1), []
    for _ in range(k):
        y = net(window).reshape(n, 1)
        preds.append(y)
        window = torch.cat([window[:, 1:], y], dim=1)
    return torch.cat(preds, dim=1)


def k_step_observed(net, x, tau, k):  # one-step predictions from observed values throughout
    n = len(x) - tau - k + 1
    return torch.stack([net(torch.stack([x[i + j:i + j + n] for i in range(tau)], dim=1)).reshape(-1)
                        for j in range(k)], dim=1)


MUTANTS = {
    "labels_off_by_one": (lambda: ce.check_windows(
        lambda x, tau: (windows(x, tau)[0], x[tau - 1:-1].reshape(-1, 1))), "off by one"),
    "labels_flat": (lambda: ce.check_windows(lambda x, tau: (windows(x, tau)[0], x[tau:])),
                    "reshape(-1, 1)"),
    "one_window_too_many": (lambda: ce.check_windows(
        lambda x, tau: (x.unfold(0, tau, 1), x[tau - 1:].reshape(-1, 1))), "T - tau windows"),
    "features_transposed": (lambda: ce.check_windows(lambda x, tau: (windows(x, tau)[0].T, windows(x, tau)[1])),
                            "transposed"),
    "k_step_without_feedback": (lambda: ce.check_k_step(k_step_observed), "own predictions"),
    "k_step_transposed": (lambda: ce.check_k_step(lambda net, x, tau, k: k_step(net, x, tau, k).T),
                          "columns steps ahead"),
}

CORRECT = {
    "windows": lambda: ce.check_windows(windows),
    "k_step": lambda: ce.check_k_step(k_step),
}
