# expect: fail
# exercise: 3
# what: updates the GRU cell with the encoder's fixed context first and uses the NEW state s_t as the attention query, instead of the previous state s_{t-1}
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
        state = self.cell(torch.cat([self.embedding(tokens), context], dim=-1), state)
        ctx, weights = self.attention(state[:, None], outputs, outputs, X_len)
        ctx, weights = ctx[:, 0], weights[:, 0]
        return self.dense(torch.cat([state, ctx], dim=-1)), state, weights
