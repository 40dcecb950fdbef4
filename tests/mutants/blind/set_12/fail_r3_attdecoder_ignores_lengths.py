# expect: fail
# exercise: 3
# what: calls the attention with valid_lens = the full padded source length for every row, so the decoder attends to padded encoder positions
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
        full = torch.full_like(X_len, outputs.shape[1])
        ctx, weights = self.attention(state[:, None], outputs, outputs, full)
        ctx, weights = ctx[:, 0], weights[:, 0]
        state = self.cell(torch.cat([self.embedding(tokens), ctx], dim=-1), state)
        return self.dense(torch.cat([state, ctx], dim=-1)), state, weights
