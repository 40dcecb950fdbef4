# expect: fail
# exercise: 3
# what: creates W_k and W_q with nn.Linear's default bias=True (only w_v without bias), so the scores are w_v^T tanh(W_q q + b_q + W_k k_j + b_k): extra parameters the formula does not have
# %% cell 792ebd01
class AdditiveAttention(nn.Module):
    """Scores w_v(tanh(W_q q + W_k k_j)), softmax over real keys, weighted values."""

    def __init__(self, key_size, query_size, num_hiddens):
        super().__init__()
        self.W_k = nn.Linear(key_size, num_hiddens)
        self.W_q = nn.Linear(query_size, num_hiddens)
        self.w_v = nn.Linear(num_hiddens, 1, bias=False)

    def forward(self, queries, keys, values, valid_lens):
        features = torch.tanh(self.W_q(queries)[:, :, None] + self.W_k(keys)[:, None])
        scores = self.w_v(features).squeeze(-1)      # (batch, queries, keys)
        num_keys = keys.shape[1]
        mask = (torch.arange(num_keys, device=keys.device)[None, None, :]
                < valid_lens.to(keys.device)[:, None, None])
        weights = torch.softmax(scores.masked_fill(~mask, float("-inf")), dim=-1)
        return weights @ values, weights
