# expect: fail
# exercise: 3
# what: softmax over all keys first, then multiplies the padded weights by 0 without renormalising: padded keys get 0 but the real weights no longer sum to 1
# %% cell 792ebd01
class AdditiveAttention(nn.Module):
    """Scores w_v(tanh(W_q q + W_k k_j)), softmax over real keys, weighted values."""

    def __init__(self, key_size, query_size, num_hiddens):
        super().__init__()
        self.W_k = nn.Linear(key_size, num_hiddens, bias=False)
        self.W_q = nn.Linear(query_size, num_hiddens, bias=False)
        self.w_v = nn.Linear(num_hiddens, 1, bias=False)

    def forward(self, queries, keys, values, valid_lens):
        q = self.W_q(queries)                                   # (B, Q, h)
        k = self.W_k(keys)                                      # (B, K, h)
        feats = torch.tanh(q.unsqueeze(2) + k.unsqueeze(1))     # (B, Q, K, h)
        scores = torch.einsum("bqkh,h->bqk", feats, self.w_v.weight[0])
        K = keys.shape[1]
        real = torch.arange(K, device=keys.device).view(1, 1, K) < valid_lens.to(keys.device).view(-1, 1, 1)
        weights = torch.softmax(scores, dim=-1) * real   # padded keys get weight 0
        contexts = torch.einsum("bqk,bkv->bqv", weights, values)
        return contexts, weights
