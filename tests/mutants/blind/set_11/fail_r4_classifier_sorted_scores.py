# expect: fail
# exercise: 3
# what: sorts each batch by length (longest first, a habit from packing) before the layer and returns the scores in that sorted order, never undoing the permutation, so the scores of a batch belong to other passages
# %% cell 5a047d13
class BiClassifier(nn.Module):
    """embedding -> BiGRUPadded -> [forward, backward final state] -> linear."""

    def __init__(self, vocab_size, embed_size, num_hiddens, num_classes):
        super().__init__()
        self.embedding = nn.Embedding(vocab_size, embed_size)
        self.rnn = BiGRUPadded(embed_size, num_hiddens)
        self.linear = nn.Linear(2 * num_hiddens, num_classes)

    def forward(self, X, lengths):
        lengths = torch.as_tensor(lengths, device=X.device)
        lengths, order = lengths.sort(descending=True)
        X = X[order]
        _, h_n = self.rnn(self.embedding(X), lengths)
        return self.linear(torch.cat([h_n[0], h_n[1]], dim=-1))
