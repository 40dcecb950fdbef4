"""Wrong solutions of solutions/01_sequence_models.ipynb: windows, an LSTM for the windows,
k-step-ahead prediction."""

import torch
from torch import nn

from rnnlab import checks


def windows(x, tau):
    T = len(x)
    return torch.stack([x[j : T - tau + j] for j in range(tau)], dim=1), x[tau:].reshape(-1, 1)


def k_step(net, x, tau, k):
    n = len(x) - tau - k + 1
    window, preds = torch.stack([x[j : j + n] for j in range(tau)], dim=1), []
    for _ in range(k):
        y = net(window).reshape(n, 1)
        preds.append(y)
        window = torch.cat([window[:, 1:], y], dim=1)
    return torch.cat(preds, dim=1)


def k_step_observed(net, x, tau, k):  # one-step predictions from observed values throughout
    n = len(x) - tau - k + 1
    return torch.stack(
        [net(torch.stack([x[i + j : i + j + n] for i in range(tau)], dim=1)).reshape(-1) for j in range(k)],
        dim=1,
    )


def k_step_prepends(net, x, tau, k):  # the prediction enters the window at the wrong end
    n = len(x) - tau - k + 1
    window, preds = torch.stack([x[j : j + n] for j in range(tau)], dim=1), []
    for _ in range(k):
        y = net(window).reshape(n, 1)
        preds.append(y)
        window = torch.cat([y, window[:, :-1]], dim=1)
    return torch.cat(preds, dim=1)


class LSTMRegressor(nn.Module):
    """The exercise's model, with switchable mistakes."""

    def __init__(self, num_hiddens=8, mistake=None):
        super().__init__()
        self.lstm, self.linear, self.mistake = nn.LSTM(1, num_hiddens), nn.Linear(num_hiddens, 1), mistake

    def forward(self, X):
        if self.mistake == "window_mean":  # the LSTM exists but the prediction ignores it
            return X.mean(1, keepdim=True)
        inputs = X.unsqueeze(-1) if self.mistake == "batch_as_time" else X.T.unsqueeze(-1)
        outputs, _ = self.lstm(inputs)
        if self.mistake == "batch_as_time":  # (batch, tau, h): window i has run after windows 0..i-1
            return self.linear(outputs[:, -1])
        return self.linear(outputs[0 if self.mistake == "first_output" else -1])


_SERIES = {}


def series():
    if not _SERIES:
        gen = torch.Generator().manual_seed(0)
        time = torch.arange(1, 1001, dtype=torch.float32)
        _SERIES["x"] = torch.sin(0.01 * time) + torch.randn(1000, generator=gen) * 0.2
    return _SERIES["x"]


def trained(mistake=None, epochs=3):
    torch.manual_seed(0)
    net, x = LSTMRegressor(mistake=mistake), series()
    if epochs:
        f, l = windows(x, 4)
        opt = torch.optim.Adam(net.parameters(), 0.03)
        for _ in range(epochs):
            for i in torch.randperm(600).split(16):
                loss = ((net(f[i]) - l[i]) ** 2).mean()
                opt.zero_grad()
                loss.backward()
                opt.step()
    return net


def naive(make_net):
    return lambda: checks.check_beats_naive(make_net(), series(), 4, 600)


def mean_linear():
    net = nn.Linear(4, 1)
    with torch.no_grad():
        net.weight.fill_(0.25), net.bias.zero_()
    return net


def table(rows="held_out", shift=0, container=dict):
    """Exercise 4: the notebook's variables after a table of held-out k-step errors."""

    def run():
        x, net = series(), mean_linear()
        with torch.no_grad():
            preds = k_step(net, x, 4, 64)  # (933, 64)
        n = preds.shape[0]
        first = 600 if rows == "held_out" else 0
        n -= shift  # a target one step late runs past the series in the last row: drop that row
        targets = torch.stack([x[4 + j + shift : 4 + j + shift + n] for j in range(64)], 1)
        preds = preds[:n]
        errors = ((preds[first:] - targets[first:]) ** 2).mean(0)
        namespace = {"x": x, "preds": preds}
        namespace["errors"] = {"linear": errors.tolist()} if container is dict else errors.numpy()
        checks.check_k_step_table(namespace, {"linear": net}, x, 4, 600)

    return run


MUTANTS = {
    "labels_off_by_one": (
        lambda: checks.check_windows(lambda x, tau: (windows(x, tau)[0], x[tau - 1 : -1].reshape(-1, 1))),
        "off by one",
    ),
    "labels_flat": (
        lambda: checks.check_windows(lambda x, tau: (windows(x, tau)[0], x[tau:])),
        "reshape(-1, 1)",
    ),
    "one_window_too_many": (
        lambda: checks.check_windows(lambda x, tau: (x.unfold(0, tau, 1), x[tau - 1 :].reshape(-1, 1))),
        "T - tau windows",
    ),
    "features_transposed": (
        lambda: checks.check_windows(lambda x, tau: (windows(x, tau)[0].T, windows(x, tau)[1])),
        "transposed",
    ),
    "features_reversed_in_time": (
        lambda: checks.check_windows(lambda x, tau: (windows(x, tau)[0].flip(1), windows(x, tau)[1])),
        "features[i, j] must be x[i + j]",
    ),
    "lstm_is_a_mean_of_the_window": (naive(mean_linear), "asks for an LSTM"),
    "lstm_created_but_unused": (naive(lambda: trained("window_mean", epochs=0)), "created but not used"),
    "lstm_batch_read_as_time": (
        naive(lambda: trained("batch_as_time", epochs=0)),
        "windows of a batch are mixed",
    ),
    "lstm_predicts_from_first_output": (
        naive(lambda: trained("first_output", epochs=0)),
        "reads only part of the window",
    ),
    "lstm_untrained": (naive(lambda: trained(epochs=0)), "not trained enough"),
    "lstm_reports_its_mse": (
        lambda: checks.check_beats_naive(0.05, series(), 4, 600),
        "pass the trained model",
    ),
    "k_step_without_feedback": (lambda: checks.check_k_step(k_step_observed), "own predictions"),
    "k_step_transposed": (
        lambda: checks.check_k_step(lambda net, x, tau, k: k_step(net, x, tau, k).T),
        "columns steps ahead",
    ),
    "k_step_prepends_prediction": (lambda: checks.check_k_step(k_step_prepends), "appending the prediction"),
    "table_over_every_start_time": (table(rows="all"), "training windows included"),
    "table_target_one_step_late": (table(shift=1), "held-out start times only"),
}

CORRECT = {
    "windows": lambda: checks.check_windows(windows),
    "lstm": naive(trained),
    "k_step": lambda: checks.check_k_step(k_step),
    "table": table(),
    "table_as_array": table(container="array"),
}
