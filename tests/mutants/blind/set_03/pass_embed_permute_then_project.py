# expect: pass
# exercise: 3
# what: embeds (batch, steps) then permutes to time-major, applies the linear layer on the 3-d outputs and flattens afterwards
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
        embs = self.embedding(X).permute(1, 0, 2)  # (num_steps, batch_size, embed_size)
        outputs, state = self.rnn(embs, state)
        logits = self.linear(outputs)              # (num_steps, batch_size, vocab_size)
        return logits.reshape(-1, self.vocab_size), state

    def begin_state(self, batch_size=1, device="cpu"):
        return torch.zeros((1, batch_size, self.rnn.hidden_size), device=device)
