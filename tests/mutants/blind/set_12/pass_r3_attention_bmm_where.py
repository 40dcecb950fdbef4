# expect: pass
# exercise: 3
# what: creates w_v before W_q and W_k (other parameter order), scores by unsqueeze-broadcasting, padding masked with torch.where(-inf), contexts with torch.bmm, the mask built from valid_lens on the keys' device
# %% cell 792ebd01
class AdditiveAttention(nn.Module):
    """Scores w_v(tanh(W_q q + W_k k_j)), softmax over real keys, weighted values."""

    def __init__(self, key_size, query_size, num_hiddens):
        super().__init__()
        self.w_v = nn.Linear(num_hiddens, 1, bias=False)
        self.W_q = nn.Linear(query_size, num_hiddens, bias=False)
        self.W_k = nn.Linear(key_size, num_hiddens, bias=False)

    def forward(self, queries, keys, values, valid_lens):
        q = self.W_q(queries).unsqueeze(2)          # (B, Q, 1, h)
        k = self.W_k(keys).unsqueeze(1)             # (B, 1, K, h)
        scores = self.w_v(torch.tanh(q + k)).squeeze(-1)  # (B, Q, K)
        K = keys.shape[1]
        real = (torch.arange(K, device=keys.device).view(1, 1, K)
                < valid_lens.to(keys.device).view(-1, 1, 1))
        scores = torch.where(real, scores, torch.full_like(scores, float("-inf")))
        weights = torch.softmax(scores, dim=-1)
        return torch.bmm(weights, values), weights
