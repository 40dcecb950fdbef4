# expect: pass
# exercise: 3
# what: keeps an nn.Embedding but uses its table as the matrix the text describes: one-hot (time-major) @ embedding.weight, then the layer from the given state, torch.flatten and the linear layer
# %% cell 03-24
class RNNLMEmbed(nn.Module):
    """Embedding -> recurrent layer -> linear: a language model over learned token
    vectors."""

    def __init__(self, rnn_layer, vocab_size, embed_size):
        super().__init__()
        self.rnn, self.vocab_size = rnn_layer, vocab_size
        self.embedding = nn.Embedding(vocab_size, embed_size)
        self.head = nn.Linear(rnn_layer.hidden_size, vocab_size)

    def forward(self, X, state):
        one_hot = F.one_hot(X.T.long(), self.vocab_size).to(self.embedding.weight.dtype)
        embs = one_hot @ self.embedding.weight      # (num_steps, batch_size, embed_size)
        outputs, new_state = self.rnn(embs, state)
        flat = torch.flatten(outputs, start_dim=0, end_dim=1)
        return self.head(flat), new_state

    def begin_state(self, batch_size=1, device="cpu"):
        return torch.zeros((1, batch_size, self.rnn.hidden_size), device=device)
