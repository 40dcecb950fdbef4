# expect: pass
# exercise: 2
# what: runs the nn.LSTM one time step at a time in a Python loop, carrying (h, c) explicitly from a zero state, and predicts from the final h with the linear layer (same numbers as one call on the whole window)
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
        self.rnn = nn.LSTM(input_size=1, hidden_size=num_hiddens, num_layers=1)
        self.out = nn.Linear(num_hiddens, 1)

    def forward(self, X):
        batch = X.shape[0]
        h = X.new_zeros(1, batch, self.num_hiddens)
        c = X.new_zeros(1, batch, self.num_hiddens)
        for t in range(X.shape[1]):
            step = X[:, t].reshape(1, batch, 1)      # one time step: (1, batch_size, 1)
            _, (h, c) = self.rnn(step, (h, c))
        return self.out(h[0])                        # w^T H_{t-1} + b: (batch_size, 1)
