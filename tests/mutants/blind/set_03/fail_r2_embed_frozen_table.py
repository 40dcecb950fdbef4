# expect: fail
# exercise: 3
# what: freezes the embedding table (nn.Embedding.from_pretrained(random vectors, freeze=True)), so the embeddings are random fixed vectors, not the learned embedding the text asks for
# %% cell 03-24
class RNNLMEmbed(nn.Module):
    """Embedding -> recurrent layer -> linear: a language model over learned token
    vectors."""

    def __init__(self, rnn_layer, vocab_size, embed_size):
        super().__init__()
        self.rnn, self.vocab_size = rnn_layer, vocab_size
        # random token vectors, like a pretrained table
        self.embedding = nn.Embedding.from_pretrained(torch.randn(vocab_size, embed_size),
                                                      freeze=True)
        self.linear = nn.Linear(rnn_layer.hidden_size, vocab_size)

    def forward(self, X, state):
        embs = self.embedding(X.T.long())
        outputs, state = self.rnn(embs, state)
        return self.linear(outputs.reshape(-1, outputs.shape[-1])), state

    def begin_state(self, batch_size=1, device="cpu"):
        return torch.zeros((1, batch_size, self.rnn.hidden_size), device=device)
