# expect: pass
# exercise: 3
# what: looks up the embedding one time step at a time and torch.stack's the steps; own attribute names; torch.flatten
# %% cell 03-24
class RNNLMEmbed(nn.Module):
    """Embedding -> recurrent layer -> linear: a language model over learned token
    vectors."""

    def __init__(self, rnn_layer, vocab_size, embed_size):
        super().__init__()
        self.rnn, self.vocab_size = rnn_layer, vocab_size
        self.token_vectors = nn.Embedding(num_embeddings=vocab_size, embedding_dim=embed_size)
        self.out = nn.Linear(in_features=rnn_layer.hidden_size, out_features=vocab_size)

    def forward(self, X, state):
        num_steps = X.shape[1]
        steps = [self.token_vectors(X[:, t]) for t in range(num_steps)]  # each (B, E)
        inputs = torch.stack(steps)                                      # (S, B, E)
        outputs, new_state = self.rnn(inputs, state)
        flat = torch.flatten(outputs, start_dim=0, end_dim=1)
        return self.out(flat), new_state

    def begin_state(self, batch_size=1, device="cpu"):
        return torch.zeros((1, batch_size, self.rnn.hidden_size), device=device)
