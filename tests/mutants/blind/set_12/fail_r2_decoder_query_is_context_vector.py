# expect: fail
# exercise: 3
# what: uses the fixed context vector (the encoder's last state) as the query instead of the previous decoder state, so the weights are the same at every step
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
        outputs, X_len, context = memory
        ctx, weights = self.attention(context.unsqueeze(1), outputs, outputs, X_len)
        ctx, weights = ctx.squeeze(1), weights.squeeze(1)       # (B, h), (B, src_len)
        new_state = self.cell(torch.cat([self.embedding(tokens), ctx], dim=-1), state)
        logits = self.dense(torch.cat([new_state, ctx], dim=-1))
        return logits, new_state, weights
