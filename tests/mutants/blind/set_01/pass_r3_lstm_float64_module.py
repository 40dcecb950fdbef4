# expect: pass
# exercise: 2
# what: keeps the LSTM and the output layer in float64 (module .double()), casts the window to float64 inside forward and the prediction back to the input's dtype
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
        self.rnn = nn.LSTM(input_size=1, hidden_size=num_hiddens).double()
        self.head = nn.Linear(num_hiddens, 1).double()

    def forward(self, X):
        seq = X.to(torch.float64).transpose(0, 1)[:, :, None]   # (tau, batch, 1)
        _, (h_n, _) = self.rnn(seq)
        return self.head(h_n[-1]).to(X.dtype)
