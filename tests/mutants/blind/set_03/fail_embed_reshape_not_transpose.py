# expect: fail
# exercise: 3
# what: makes X time-major with X.reshape(num_steps, batch_size) instead of X.T, scrambling tokens across sequences
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
        batch_size, num_steps = X.shape
        embs = self.embedding(X.reshape(num_steps, batch_size))  # time-major
        outputs, state = self.rnn(embs, state)
        return self.linear(outputs.reshape(-1, outputs.shape[-1])), state

    def begin_state(self, batch_size=1, device="cpu"):
        return torch.zeros((1, batch_size, self.rnn.hidden_size), device=device)
