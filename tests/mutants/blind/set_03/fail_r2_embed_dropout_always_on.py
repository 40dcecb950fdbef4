# expect: fail
# exercise: 3
# what: adds dropout on the embeddings with F.dropout(..., training=True), so it stays on at evaluation: the model is random in eval mode and the held-out perplexity is measured on a noisy model
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
        embs = F.dropout(self.embedding(X.T), p=0.2, training=True)  # regularise
        outputs, state = self.rnn(embs, state)
        return self.linear(outputs.reshape(-1, outputs.shape[-1])), state

    def begin_state(self, batch_size=1, device="cpu"):
        return torch.zeros((1, batch_size, self.rnn.hidden_size), device=device)
