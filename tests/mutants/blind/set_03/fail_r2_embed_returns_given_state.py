# expect: fail
# exercise: 3
# what: returns the state it was GIVEN instead of the recurrent layer's new state, so the next minibatch never continues where this one ended
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
        embs = self.embedding(X.T)                  # (num_steps, batch_size, embed_size)
        outputs, _ = self.rnn(embs, state)
        logits = self.linear(outputs.reshape(-1, outputs.shape[-1]))
        return logits, state

    def begin_state(self, batch_size=1, device="cpu"):
        return torch.zeros((1, batch_size, self.rnn.hidden_size), device=device)
