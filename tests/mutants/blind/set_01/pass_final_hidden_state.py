# expect: pass
# exercise: 2
# what: predicts from the returned final hidden state h_n[-1] (same as the last output) with explicit reshaping via permute
# %% cell 9aa76ab2
tau, n_train, batch_size = 4, 600, 16
features, labels = make_windows(x, tau)
train_set = torch.utils.data.TensorDataset(features[:n_train], labels[:n_train])
train_iter = torch.utils.data.DataLoader(train_set, batch_size, shuffle=True)


def get_mlp():
    """The chapter's model: tau inputs -> 10 ReLU units -> 1 output."""
    return nn.Sequential(nn.Linear(tau, 10), nn.ReLU(), nn.Linear(10, 1))


class LSTMRegressor(nn.Module):
    """Reads a window (batch_size, tau) as tau time steps of one feature; predicts the
    next value."""

    def __init__(self, num_hiddens=32):
        super().__init__()
        self.num_hiddens = num_hiddens
        self.lstm = nn.LSTM(1, num_hiddens, num_layers=1)
        self.linear = nn.Linear(num_hiddens, 1)

    def forward(self, X):
        inputs = X[:, :, None].permute(1, 0, 2).contiguous()  # (tau, batch_size, 1)
        _, (h_n, c_n) = self.lstm(inputs)
        return self.linear(h_n[-1])  # (batch_size, 1)
