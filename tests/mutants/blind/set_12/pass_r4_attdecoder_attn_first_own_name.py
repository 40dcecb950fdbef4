# expect: pass
# exercise: 3
# what: own attribute name for the attention (self.attn) created before the other layers (other parameter order); the query is state.view(batch, 1, -1), the context and weights are taken with select(1, 0); the cell input and the output layer's input are built with torch.hstack
# %% cell 7169163e
class AttentionDecoder(nn.Module):
    """Decoder whose context at step t is the attention of s_{t-1} over the encoder."""

    def __init__(self, vocab_size, embed_size, num_hiddens):
        super().__init__()
        self.attn = AdditiveAttention(key_size=num_hiddens, query_size=num_hiddens,
                                      num_hiddens=num_hiddens)
        self.embedding = nn.Embedding(vocab_size, embed_size)
        self.cell = nn.GRUCell(embed_size + num_hiddens, num_hiddens)
        self.dense = nn.Linear(2 * num_hiddens, vocab_size)

    def step(self, tokens, state, memory):
        outputs, X_len, _fixed_context = memory        # the fixed context is not used
        query = state.view(state.shape[0], 1, -1)      # s_{t-1}, one query per row
        contexts, weights = self.attn(query, outputs, outputs, X_len)
        context, weights = contexts.select(1, 0), weights.select(1, 0)
        new_state = self.cell(torch.hstack([self.embedding(tokens), context]), state)
        logits = self.dense(torch.hstack([new_state, context]))
        return logits, new_state, weights
