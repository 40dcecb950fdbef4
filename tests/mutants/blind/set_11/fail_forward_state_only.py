# expect: fail
# exercise: 3
# what: the linear layer reads only the forward final state h_n[0] (num_hiddens features) instead of both final states
# %% cell 5a047d13
class BiClassifier(nn.Module):
    """embedding -> BiGRUPadded -> [forward, backward final state] -> linear."""

    def __init__(self, vocab_size, embed_size, num_hiddens, num_classes):
        super().__init__()
        self.embedding = nn.Embedding(vocab_size, embed_size)
        self.rnn = BiGRUPadded(embed_size, num_hiddens)
        self.linear = nn.Linear(num_hiddens, num_classes)

    def forward(self, X, lengths):
        _, h_n = self.rnn(self.embedding(X), lengths)
        return self.linear(h_n[0])   # the state after the whole passage
# %% cell 24bb0d06
rnnlab.seed(0)
net = BiClassifier(len(vocab), 16, 64, 3).to(device)
optimizer = torch.optim.Adam(net.parameters(), lr=0.01)
generator = torch.Generator().manual_seed(0)
for epoch in range(rnnlab.cap_epochs(15)):
    passages, labels = classify.sample_passages(train_parts, 300, min_len, max_len,
                                                generator)
    for X, lengths, y in classify.passage_batches(passages, labels, 64, pad, generator):
        loss = F.cross_entropy(net(X.to(device), lengths.to(device)), y.to(device))
        optimizer.zero_grad()
        loss.backward()
        nn.utils.clip_grad_norm_(net.parameters(), 1.0)
        optimizer.step()
net.eval()
