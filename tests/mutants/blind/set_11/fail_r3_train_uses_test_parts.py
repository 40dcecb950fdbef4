# expect: fail
# exercise: 3
# what: "more data": every epoch samples training passages from train_parts AND test_parts, so the held-out text is trained on
# %% cell 24bb0d06
rnnlab.seed(0)
net = BiClassifier(len(vocab), 32, 64, len(classify.CORPUS_NAMES)).to(device)
opt = torch.optim.Adam(net.parameters(), lr=0.01)
gen = torch.Generator().manual_seed(0)
for epoch in range(rnnlab.cap_epochs(15)):
    p1, l1 = classify.sample_passages(train_parts, 240, min_len, max_len, generator=gen)
    p2, l2 = classify.sample_passages(test_parts, 60, min_len, max_len, generator=gen)
    passages, labels = p1 + p2, torch.cat([l1, l2])
    for X, lengths, y in classify.passage_batches(passages, labels, 64, pad, generator=gen):
        l = F.cross_entropy(net(X.to(device), lengths), y.to(device))
        opt.zero_grad()
        l.backward()
        rnnlab.grad_clipping(net, 1)
        opt.step()
p, lab = classify.sample_passages(test_parts, 200, min_len, max_len, generator=gen)
print(f"held-out accuracy {classify.accuracy(net, p, lab, pad):.1%}")
