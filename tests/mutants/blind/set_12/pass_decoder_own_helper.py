# expect: pass
# exercise: 3
# what: attention context computed in a separate helper method with squeeze(1), and the cell input concatenated in a different but equivalent way
# %% cell 7169163e
class AttentionDecoder(nn.Module):
    """Decoder whose context at step t is the attention of s_{t-1} over the encoder."""

    def __init__(self, vocab_size, embed_size, num_hiddens):
        super().__init__()
        self.embedding = nn.Embedding(vocab_size, embed_size)
        self.cell = nn.GRUCell(embed_size + num_hiddens, num_hiddens)
        self.dense = nn.Linear(2 * num_hiddens, vocab_size)
        self.attention = AdditiveAttention(num_hiddens, num_hiddens, num_hiddens)

    def attend(self, previous_state, outputs, X_len):
        contexts, weights = self.attention(previous_state.unsqueeze(1), outputs, outputs, X_len)
        return contexts.squeeze(1), weights.squeeze(1)

    def step(self, tokens, state, memory):
        outputs, X_len, _ = memory
        context, weights = self.attend(state, outputs, X_len)
        x = torch.cat((self.embedding(tokens), context), dim=1)
        new_state = self.cell(x, state)
        logits = self.dense(torch.cat((new_state, context), dim=1))
        return logits, new_state, weights
