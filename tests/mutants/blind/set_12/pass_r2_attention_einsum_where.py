# expect: pass
# exercise: 3
# what: attention scores by projecting then applying w_v.weight through torch.einsum, padded keys set to -inf with torch.where, contexts by einsum; the decoder computes the context once and passes it to a copy of the given cell/dense layout
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
        scores = torch.where(real, scores, torch.full_like(scores, float("-inf")))
        weights = torch.softmax(scores, dim=-1)
        contexts = torch.einsum("bqk,bkv->bqv", weights, values)
        return contexts, weights
# %% cell 7169163e
class AttentionDecoder(nn.Module):
    """Decoder whose context at step t is the attention of s_{t-1} over the encoder."""

    def __init__(self, vocab_size, embed_size, num_hiddens):
        super().__init__()
        self.embedding = nn.Embedding(vocab_size, embed_size)
        self.cell = nn.GRUCell(embed_size + num_hiddens, num_hiddens)
        self.dense = nn.Linear(2 * num_hiddens, vocab_size)
        self.attention = AdditiveAttention(num_hiddens, num_hiddens, num_hiddens)

    def step(self, tokens, state, memory):
        outputs, X_len, _ = memory
        ctx, weights = self.attention(state.unsqueeze(1), outputs, outputs, X_len)
        ctx, weights = ctx.squeeze(1), weights.squeeze(1)       # (B, h), (B, src_len)
        new_state = self.cell(torch.cat([self.embedding(tokens), ctx], dim=-1), state)
        logits = self.dense(torch.cat([new_state, ctx], dim=-1))
        return logits, new_state, weights
