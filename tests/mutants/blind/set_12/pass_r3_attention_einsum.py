# expect: pass
# exercise: 3
# what: projects with the linear layers' weight matrices through torch.einsum, masks with masked_fill(-inf) built by broadcasting valid_lens, contexts by einsum; dtype follows the inputs (works in float64)
# %% cell 792ebd01
class AdditiveAttention(nn.Module):
    """Scores w_v(tanh(W_q q + W_k k_j)), softmax over real keys, weighted values."""

    def __init__(self, key_size, query_size, num_hiddens):
        super().__init__()
        self.W_k = nn.Linear(key_size, num_hiddens, bias=False)
        self.W_q = nn.Linear(query_size, num_hiddens, bias=False)
        self.w_v = nn.Linear(num_hiddens, 1, bias=False)

    def forward(self, queries, keys, values, valid_lens):
        qh = torch.einsum("bqd,hd->bqh", queries, self.W_q.weight)
        kh = torch.einsum("bkd,hd->bkh", keys, self.W_k.weight)
        feats = torch.tanh(qh.unsqueeze(2) + kh.unsqueeze(1))         # (b, q, k, h)
        scores = torch.einsum("bqkh,h->bqk", feats, self.w_v.weight[0])
        num_keys = keys.shape[1]
        pad_keys = (torch.arange(num_keys, device=keys.device)[None, :]
                    >= valid_lens.to(keys.device)[:, None])          # (b, k)
        scores = scores.masked_fill(pad_keys[:, None, :], float("-inf"))
        weights = scores.softmax(dim=-1)
        contexts = torch.einsum("bqk,bkv->bqv", weights, values)
        return contexts, weights
