# expect: pass
# exercise: 3
# what: Adam lr 0.01 with weight decay 1e-6, batches of 32, clipping at 2.0 with clip_grad_norm_, 18 epochs of fresh passages from a dedicated torch.Generator, progress reported on the training parts only
# %% cell 24bb0d06
rnnlab.seed(0)
net = BiClassifier(len(vocab), 32, 64, len(classify.CORPUS_NAMES)).to(device)
opt = torch.optim.Adam(net.parameters(), lr=0.01, weight_decay=1e-6)
gen = torch.Generator().manual_seed(1234)
for epoch in range(rnnlab.cap_epochs(18)):
    passages, labels = classify.sample_passages(train_parts, 300, min_len, max_len, generator=gen)
    net.train()
    total, seen = 0.0, 0
    for X, lengths, y in classify.passage_batches(passages, labels, 32, pad, generator=gen):
        X, y = X.to(device), y.to(device)
        l = F.cross_entropy(net(X, lengths), y)
        opt.zero_grad()
        l.backward()
        nn.utils.clip_grad_norm_(net.parameters(), 2.0)
        opt.step()
        total += l.item() * len(y); seen += len(y)
    if epoch % 6 == 5:
        p, lab = classify.sample_passages(train_parts, 200, min_len, max_len, generator=gen)
        print(f"epoch {epoch + 1}: loss {total / seen:.3f}, "
              f"accuracy on training passages {classify.accuracy(net, p, lab, pad):.1%}")
