# expect: fail
# exercise: 3
# what: embeds X batch-major (batch_size, num_steps, embed_size) and feeds it to the time-major layer as is (with a zero state of the matching width when the given one does not fit), then transposes the outputs to time-major before flattening: the layer reads across the batch as if it were time
# %% cell 03-24
class RNNLMEmbed(nn.Module):
    """Embedding -> recurrent layer -> linear: a language model over learned token
    vectors."""

    def __init__(self, rnn_layer, vocab_size, embed_size):
        super().__init__()
        self.rnn, self.vocab_size = rnn_layer, vocab_size
        self.embedding = nn.Embedding(vocab_size, embed_size)
        self.linear = nn.Linear(rnn_layer.hidden_size, vocab_size)

    def forward(self, X, state):
        embs = self.embedding(X)                       # (batch_size, num_steps, embed)
        if state.shape[1] != embs.shape[1]:            # the layer wants a state per 'column'
            state = state.new_zeros(state.shape[0], embs.shape[1], state.shape[2])
        outputs, state = self.rnn(embs, state)
        outputs = outputs.transpose(0, 1)              # -> (num_steps, batch_size, hidden)
        return self.linear(outputs.reshape(-1, outputs.shape[-1])), state

    def begin_state(self, batch_size=1, device="cpu"):
        return torch.zeros((1, batch_size, self.rnn.hidden_size), device=device)
