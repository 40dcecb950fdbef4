# expect: pass
# exercise: 3
# what: nn.Embedding looked up on X.t(), but the output layer is its own nn.Parameter weight and bias applied with torch.einsum on the 3-d outputs, flattened afterwards with flatten(0, 1)
# %% cell 03-24
class RNNLMEmbed(nn.Module):
    """Embedding -> recurrent layer -> linear: a language model over learned token
    vectors."""

    def __init__(self, rnn_layer, vocab_size, embed_size):
        super().__init__()
        self.rnn, self.vocab_size = rnn_layer, vocab_size
        self.embedding = nn.Embedding(vocab_size, embed_size)
        h = rnn_layer.hidden_size
        bound = 1 / math.sqrt(h)
        self.out_weight = nn.Parameter(torch.empty(vocab_size, h).uniform_(-bound, bound))
        self.out_bias = nn.Parameter(torch.empty(vocab_size).uniform_(-bound, bound))

    def forward(self, X, state):
        embs = self.embedding(X.t())                   # (num_steps, batch_size, embed)
        outputs, new_state = self.rnn(embs, state)
        logits = torch.einsum("tbh,vh->tbv", outputs, self.out_weight) + self.out_bias
        return logits.flatten(0, 1), new_state

    def begin_state(self, batch_size=1, device="cpu"):
        return torch.zeros((1, batch_size, self.rnn.hidden_size), device=device)
