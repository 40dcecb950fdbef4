# expect: fail
# exercise: 3
# what: ends forward with a softmax "to return probabilities": the model returns probabilities where the text asks for logits, so cross-entropy (which applies its own log-softmax) trains and measures the wrong quantity
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
        embs = self.embedding(X.T.long())                 # (num_steps, batch_size, embed_size)
        outputs, state = self.rnn(embs, state)
        scores = self.linear(outputs.reshape(-1, outputs.shape[-1]))
        return F.softmax(scores, dim=-1), state           # next-token distribution

    def begin_state(self, batch_size=1, device="cpu"):
        return torch.zeros((1, batch_size, self.rnn.hidden_size), device=device)
