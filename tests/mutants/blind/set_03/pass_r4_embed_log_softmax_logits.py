# expect: pass
# exercise: 3
# what: returns normalised logits, log_softmax of the linear layer's scores (they differ from raw scores by one constant per position, so cross-entropy, perplexity, argmax and sampling are unchanged); embedding looked up as nn.functional.embedding on its own nn.Parameter table
# %% cell 03-24
class RNNLMEmbed(nn.Module):
    """Embedding -> recurrent layer -> linear: a language model over learned token
    vectors."""

    def __init__(self, rnn_layer, vocab_size, embed_size):
        super().__init__()
        self.rnn, self.vocab_size = rnn_layer, vocab_size
        self.embed_size = embed_size
        self.token_vectors = nn.Parameter(torch.randn(vocab_size, embed_size))
        self.output = nn.Linear(rnn_layer.hidden_size, vocab_size)

    def forward(self, X, state):
        embs = F.embedding(X.t().long(), self.token_vectors)   # (num_steps, batch, embed)
        outputs, state = self.rnn(embs, state)
        flat = outputs.reshape(-1, outputs.shape[-1])          # time-major rows
        return F.log_softmax(self.output(flat), dim=-1), state

    def begin_state(self, batch_size=1, device="cpu"):
        return torch.zeros((1, batch_size, self.rnn.hidden_size), device=device)
