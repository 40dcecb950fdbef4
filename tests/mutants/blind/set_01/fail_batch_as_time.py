# expect: fail
# exercise: 2
# what: feeds (batch_size, tau, 1) to a time-major nn.LSTM (no batch_first): the minibatch is read as time, so each prediction depends on the other windows of the batch
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
        self.lstm = nn.LSTM(input_size=1, hidden_size=num_hiddens)
        self.out = nn.Linear(num_hiddens, 1)

    def forward(self, X):
        outputs, _ = self.lstm(X.unsqueeze(-1))  # meant as (batch_size, tau, 1)
        return self.out(outputs[:, -1, :])       # "last time step" of every window
