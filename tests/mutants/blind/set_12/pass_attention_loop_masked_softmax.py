# expect: pass
# exercise: 3
# what: scores via explicit unsqueeze/expand, padding masked by multiplying exp-scores (after max subtraction) and renormalising, contexts with torch.bmm
# %% cell 792ebd01
class AdditiveAttention(nn.Module):
    """Scores w_v(tanh(W_q q + W_k k_j)), softmax over real keys, weighted values."""

    def __init__(self, key_size, query_size, num_hiddens):
        super().__init__()
        self.W_k = nn.Linear(key_size, num_hiddens, bias=False)
        self.W_q = nn.Linear(query_size, num_hiddens, bias=False)
        self.w_v = nn.Linear(num_hiddens, 1, bias=False)

    def forward(self, queries, keys, values, valid_lens):
        q = self.W_q(queries).unsqueeze(2)          # (b, nq, 1, h)
        k = self.W_k(keys).unsqueeze(1)             # (b, 1, nk, h)
        scores = self.w_v(torch.tanh(q + k))[..., 0]  # (b, nq, nk)
        num_keys = keys.shape[1]
        real = (torch.arange(num_keys, device=keys.device).view(1, 1, -1)
                < valid_lens.to(keys.device).view(-1, 1, 1))
        scores = scores.masked_fill(~real, float("-inf"))
        top = scores.max(dim=-1, keepdim=True).values
        e = torch.exp(scores - top) * real
        weights = e / e.sum(dim=-1, keepdim=True)
        return torch.bmm(weights, values), weights
