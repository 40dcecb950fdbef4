# expect: fail
# exercise: 2
# what: feeds the whole window as ONE time step of tau features (nn.LSTM(input_size=tau), input X.unsqueeze(0)), not as tau steps of one scalar input
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
        self.lstm = nn.LSTM(tau, num_hiddens)
        self.out = nn.Linear(num_hiddens, 1)

    def forward(self, X):
        outputs, _ = self.lstm(X.unsqueeze(0))  # (1, batch_size, num_hiddens)
        return self.out(outputs[-1])
