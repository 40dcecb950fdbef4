# expect: fail
# exercise: 2
# what: squashes the prediction through tanh (tanh(w^T H + b)) "because the series is a sine", so predictions are capped in (-1, 1) although x reaches about +-1.6 and the text asks for w^T H_{t-1} + b
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
        self.lstm = nn.LSTM(1, num_hiddens)
        self.linear = nn.Linear(num_hiddens, 1)

    def forward(self, X):
        outputs, _ = self.lstm(X.T.unsqueeze(-1))
        return torch.tanh(self.linear(outputs[-1]))
