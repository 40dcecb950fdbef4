# expect: fail
# exercise: 2
# what: feeds the output layer outputs[-1].detach() ("the head only needs the values"): the forward pass is right, but no gradient reaches the LSTM, so training only fits the linear layer on the random, untrained LSTM's features
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
        self.head = nn.Linear(num_hiddens, 1)

    def forward(self, X):
        inputs = X.T.unsqueeze(-1)             # (tau, batch_size, 1)
        outputs, _ = self.lstm(inputs)         # (tau, batch_size, num_hiddens)
        last = outputs[-1].detach()            # state after the whole window
        return self.head(last)                 # (batch_size, 1)
