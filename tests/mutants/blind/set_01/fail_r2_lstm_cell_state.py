# expect: fail
# exercise: 2
# what: predicts from the final CELL state c_n instead of the final hidden state h_n (the text asks for w^T H_{t-1} + b)
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
        self.out = nn.Linear(num_hiddens, 1)

    def forward(self, X):
        _, (h_n, c_n) = self.lstm(X.T.unsqueeze(-1))
        return self.out(c_n[-1])  # the memory after the whole window
