# expect: fail
# exercise: 3
# what: the attention context feeds the GRU cell, but the output layer still reads the fixed context vector from memory (the encoder's last state), so the step's logits do not use the new context directly
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
        attended, weights = self.attention(state.unsqueeze(1), outputs, outputs, X_len)
        attended, weights = attended.squeeze(1), weights.squeeze(1)
        state = self.cell(torch.cat([self.embedding(tokens), attended], dim=-1), state)
        return self.dense(torch.cat([state, context], dim=-1)), state, weights
