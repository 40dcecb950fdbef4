# expect: pass
# exercise: 3
# what: embedding 32, 48 hidden units, torch.cat(list(h_n)) summary; own shuffling loop (one randperm indexes passages and labels together) with classify.pad_batch, Adam 0.005 for 18 epochs, clip_grad_norm_ at 1
# %% cell 5a047d13
class BiClassifier(nn.Module):
    """embedding -> BiGRUPadded -> [forward, backward final state] -> linear."""

    def __init__(self, vocab_size, embed_size, num_hiddens, num_classes):
        super().__init__()
        self.embedding = nn.Embedding(vocab_size, embed_size)
        self.rnn = BiGRUPadded(embed_size, num_hiddens)
        self.linear = nn.Linear(2 * num_hiddens, num_classes)

    def forward(self, X, lengths):
        embedded = self.embedding(X)                 # (batch, max_len, embed)
        _, h_n = self.rnn(embedded, lengths)         # (2, batch, num_hiddens)
        summary = torch.cat(list(h_n), dim=-1)       # (batch, 2 * num_hiddens)
        return self.linear(summary)
# %% cell 24bb0d06
def train_passage_classifier(model, num_epochs, lr, batch_size=64, per_class=300):
    model.to(device).train()
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    gen = torch.Generator().manual_seed(42)
    for _ in range(rnnlab.cap_epochs(num_epochs)):
        passages, labels = classify.sample_passages(train_parts, per_class, min_len,
                                                    max_len, gen)
        perm = torch.randperm(len(passages), generator=gen)
        for start in range(0, len(perm), batch_size):
            idx = perm[start:start + batch_size]
            X, lengths = classify.pad_batch([passages[i] for i in idx.tolist()], pad)
            y = labels[idx]
            logits = model(X.to(device), lengths.to(device))
            loss = F.cross_entropy(logits, y.to(device))
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), max_norm=1.0)
            opt.step()
    model.eval()
    return model


rnnlab.seed(1)
net = train_passage_classifier(BiClassifier(len(vocab), 32, 48, 3), 18, lr=0.005)
