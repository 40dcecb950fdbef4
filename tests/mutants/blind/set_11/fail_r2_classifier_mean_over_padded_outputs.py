# expect: fail
# exercise: 3
# what: summarises a passage by the mean of the outputs over all max_len positions (the padded zeros included) instead of the two final states, so the scores change when the passage is padded further
# %% cell 5a047d13
class BiClassifier(nn.Module):
    """embedding -> BiGRUPadded -> [forward, backward final state] -> linear."""

    def __init__(self, vocab_size, embed_size, num_hiddens, num_classes):
        super().__init__()
        self.embedding = nn.Embedding(vocab_size, embed_size)
        self.rnn = BiGRUPadded(embed_size, num_hiddens)
        self.linear = nn.Linear(2 * num_hiddens, num_classes)

    def forward(self, X, lengths):
        outputs, _ = self.rnn(self.embedding(X), lengths)      # (B, T, 2H)
        summary = outputs.mean(dim=1)                           # average over the passage
        return self.linear(summary)
# %% cell 24bb0d06
rnnlab.seed(0)
net = BiClassifier(len(vocab), 24, 64, len(classify.CORPUS_NAMES)).to(device)
optimizer = torch.optim.Adam(net.parameters(), lr=0.01)
gen = torch.Generator().manual_seed(0)
for epoch in range(rnnlab.cap_epochs(20)):
    passages, labels = classify.sample_passages(train_parts, 300, min_len, max_len, gen)
    correct = 0
    for X, lengths, y in classify.passage_batches(passages, labels, 64, pad, gen):
        X, y = X.to(device), y.to(device)
        scores = net(X, lengths)
        l = F.cross_entropy(scores, y)
        optimizer.zero_grad()
        l.backward()
        rnnlab.grad_clipping(net, 1)
        optimizer.step()
        correct += (scores.argmax(-1) == y).sum().item()
    print(f"epoch {epoch + 1}: training accuracy {correct / len(passages):.1%}")
