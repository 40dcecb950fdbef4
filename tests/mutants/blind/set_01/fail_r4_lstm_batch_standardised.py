# expect: fail
# exercise: 2
# what: standardises the inputs with the mean and std of the whole MINIBATCH (X.mean(), X.std()) before the LSTM and undoes it on the output, so each prediction depends on the other windows in the batch, not on its own window alone
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
        # standardise the inputs so the LSTM sees values of unit scale
        mu, sd = X.mean(), X.std() + 1e-5
        Z = (X - mu) / sd
        outputs, _ = self.lstm(Z.T.unsqueeze(-1))
        return self.linear(outputs[-1]) * sd + mu
