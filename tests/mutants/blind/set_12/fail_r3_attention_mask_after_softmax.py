# expect: fail
# exercise: 3
# what: softmax over all keys, then zeroes the padded keys' weights without renormalising: weights over the real keys no longer sum to 1
# %% cell 792ebd01
class AdditiveAttention(nn.Module):
    """Scores w_v(tanh(W_q q + W_k k_j)), softmax over real keys, weighted values."""

    def __init__(self, key_size, query_size, num_hiddens):
        super().__init__()
        self.W_k = nn.Linear(key_size, num_hiddens, bias=False)
        self.W_q = nn.Linear(query_size, num_hiddens, bias=False)
        self.w_v = nn.Linear(num_hiddens, 1, bias=False)

    def forward(self, queries, keys, values, valid_lens):
        features = torch.tanh(self.W_q(queries)[:, :, None] + self.W_k(keys)[:, None])
        scores = self.w_v(features).squeeze(-1)
        mask = (torch.arange(keys.shape[1], device=keys.device)[None, None, :]
                < valid_lens[:, None, None])
        weights = torch.softmax(scores, dim=-1) * mask
        return weights @ values, weights
