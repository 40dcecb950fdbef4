# expect: fail
# exercise: 3
# what: passes X_len - 1 ("the index of the last real position") as valid_lens, so the attention never looks at each source's last real position (and a source of length 1 has no key at all)
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
        last_real = X_len - 1
        context, weights = self.attention(state[:, None], outputs, outputs, last_real)
        context, weights = context[:, 0], weights[:, 0]
        state = self.cell(torch.cat([self.embedding(tokens), context], dim=-1), state)
        return self.dense(torch.cat([state, context], dim=-1)), state, weights
