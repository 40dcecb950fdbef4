# expect: pass
# exercise: 2
# what: explicit zero initial (h0, c0) passed to nn.LSTM, time-major input via permute/unsqueeze, output layer as own nn.Parameter vector w and bias b applied with einsum (w^T H + b)
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
        bound = 1 / math.sqrt(num_hiddens)
        self.w = nn.Parameter(torch.empty(num_hiddens).uniform_(-bound, bound))
        self.b = nn.Parameter(torch.zeros(1))

    def forward(self, X):
        batch = X.shape[0]
        h0 = torch.zeros(1, batch, self.num_hiddens, device=X.device)
        c0 = torch.zeros_like(h0)
        seq = X.permute(1, 0).unsqueeze(2)  # (tau, batch_size, 1)
        outputs, (h_n, c_n) = self.rnn(seq, (h0, c0))
        H_last = outputs[-1]  # (batch_size, num_hiddens)
        return torch.einsum("bh,h->b", H_last, self.w).unsqueeze(1) + self.b
