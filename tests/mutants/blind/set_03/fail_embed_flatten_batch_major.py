# expect: fail
# exercise: 3
# what: runs the layer time-major but transposes the outputs to batch-major before flattening, so the logits do not line up with the time-major targets Y.T.reshape(-1)
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
        embs = self.embedding(X.T)                 # (num_steps, batch_size, embed_size)
        outputs, state = self.rnn(embs, state)
        # one row per (sequence, position): put the batch first before flattening
        flat = outputs.transpose(0, 1).reshape(-1, outputs.shape[-1])
        return self.linear(flat), state

    def begin_state(self, batch_size=1, device="cpu"):
        return torch.zeros((1, batch_size, self.rnn.hidden_size), device=device)
