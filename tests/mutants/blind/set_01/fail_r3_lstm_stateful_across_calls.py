# expect: fail
# exercise: 2
# what: keeps the LSTM's final (h, c) between calls and starts the next window from it (when the batch size matches), so a prediction depends on the previous minibatch, not on its own window alone
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
        self.state = None

    def forward(self, X):
        inputs = X.T.unsqueeze(-1)
        if self.state is not None and self.state[0].shape[1] == X.shape[0]:
            outputs, state = self.lstm(inputs, self.state)
        else:
            outputs, state = self.lstm(inputs)
        # carry the memory on, like the language models do
        self.state = tuple(s.detach() for s in state)
        return self.linear(outputs[-1])
