# expect: pass
# exercise: 3
# what: summary as h_n.transpose(0, 1).flatten(1) (same as cat of h_n[0], h_n[1]); embedding 24, 64 hidden units; trained with classify.passage_batches and a generator, Adam 0.01, rnnlab.grad_clipping at 1, 300 fresh passages per corpus for 20 epochs, training accuracy printed per epoch
# %% cell 5a047d13
class BiClassifier(nn.Module):
    """embedding -> BiGRUPadded -> [forward, backward final state] -> linear."""

    def __init__(self, vocab_size, embed_size, num_hiddens, num_classes):
        super().__init__()
        self.embedding = nn.Embedding(vocab_size, embed_size)
        self.rnn = BiGRUPadded(embed_size, num_hiddens)
        self.linear = nn.Linear(2 * num_hiddens, num_classes)

    def forward(self, X, lengths):
        _, h_n = self.rnn(self.embedding(X), lengths)          # (2, B, H)
        summary = h_n.transpose(0, 1).flatten(1)                # (B, 2H): [forward, backward]
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
