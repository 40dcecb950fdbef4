# expect: pass
# exercise: 3
# what: own attribute names (embed / bigru / head instead of embedding / rnn / linear), an embedding with padding_idx=pad, the two final states joined by permute+reshape instead of torch.cat
# %% cell 5a047d13
class BiClassifier(nn.Module):
    """embedding -> BiGRUPadded -> [forward, backward final state] -> linear."""

    def __init__(self, vocab_size, embed_size, num_hiddens, num_classes):
        super().__init__()
        self.embed = nn.Embedding(vocab_size, embed_size, padding_idx=pad)
        self.bigru = BiGRUPadded(embed_size, num_hiddens)
        self.head = nn.Linear(2 * num_hiddens, num_classes)

    def forward(self, X, lengths):
        _, h_n = self.bigru(self.embed(X), lengths)       # (2, B, H)
        both = h_n.permute(1, 0, 2).reshape(X.shape[0], -1)  # (B, 2H): [forward, backward]
        return self.head(both)
