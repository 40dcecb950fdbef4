# expect: fail
# exercise: 3
# what: masks padded keys by setting their SCORE to 0 (not -inf) before the softmax, so padding still gets weight exp(0)
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
        weights = torch.softmax(scores.masked_fill(~mask, 0.0), dim=-1)
        return weights @ values, weights
