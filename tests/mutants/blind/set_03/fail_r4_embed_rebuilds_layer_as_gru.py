# expect: fail
# exercise: 3
# what: replaces the recurrent layer it is given by a fresh nn.GRU(embed_size, rnn_layer.hidden_size) "so that it surely reads embed_size inputs": the model never uses the layer passed in (its type, settings and weights), only one of the same width
# %% cell 03-24
class RNNLMEmbed(nn.Module):
    """Embedding -> recurrent layer -> linear: a language model over learned token
    vectors."""

    def __init__(self, rnn_layer, vocab_size, embed_size):
        super().__init__()
        self.rnn, self.vocab_size = rnn_layer, vocab_size
        self.embedding = nn.Embedding(vocab_size, embed_size)
        # the layer must read embed_size features, not one-hot vectors: rebuild it
        self.rnn = nn.GRU(embed_size, rnn_layer.hidden_size)
        self.linear = nn.Linear(rnn_layer.hidden_size, vocab_size)

    def forward(self, X, state):
        embs = self.embedding(X.T.long())                 # (num_steps, batch_size, embed_size)
        outputs, state = self.rnn(embs, state)
        return self.linear(outputs.reshape(-1, outputs.shape[-1])), state

    def begin_state(self, batch_size=1, device="cpu"):
        return torch.zeros((1, batch_size, self.rnn.hidden_size), device=device)
