# expect: pass
# exercise: 3
# what: a helper method attend() wraps the attention (query unsqueezed, results squeezed with [:, 0]); the given context vector is ignored explicitly; explicit intermediate names
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
        del context  # replaced by a fresh attention context at every step
        ctx, weights = self.attend(state, outputs, X_len)
        emb = self.embedding(tokens)
        new_state = self.cell(torch.cat((emb, ctx), dim=1), state)
        logits = self.dense(torch.cat((new_state, ctx), dim=1))
        return logits, new_state, weights

    def attend(self, query, enc_outputs, enc_lens):
        ctx, weights = self.attention(query.unsqueeze(1), enc_outputs, enc_outputs, enc_lens)
        return ctx[:, 0], weights[:, 0]
