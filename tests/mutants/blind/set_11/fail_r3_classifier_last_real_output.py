# expect: fail
# exercise: 3
# what: classifies from the outputs at each passage's last real position instead of h_n: the forward half is the final state, but the backward half there has read only the last character
# %% cell 5a047d13
class BiClassifier(nn.Module):
    """embedding -> BiGRUPadded -> [forward, backward final state] -> linear."""

    def __init__(self, vocab_size, embed_size, num_hiddens, num_classes):
        super().__init__()
        self.embedding = nn.Embedding(vocab_size, embed_size)
        self.rnn = BiGRUPadded(embed_size, num_hiddens)
        self.linear = nn.Linear(2 * num_hiddens, num_classes)

    def forward(self, X, lengths):
        outputs, _ = self.rnn(self.embedding(X), lengths)
        rows = torch.arange(X.shape[0], device=X.device)
        last = torch.as_tensor(lengths, device=X.device) - 1
        return self.linear(outputs[rows, last])
