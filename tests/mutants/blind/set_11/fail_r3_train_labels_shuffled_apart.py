# expect: fail
# exercise: 3
# what: shuffles the passages with one permutation and the labels with another (own batching), so batches carry the wrong labels and accuracy stays near a third
# %% cell 24bb0d06
rnnlab.seed(0)
net = BiClassifier(len(vocab), 32, 64, len(classify.CORPUS_NAMES)).to(device)
opt = torch.optim.Adam(net.parameters(), lr=0.01)
gen = torch.Generator().manual_seed(0)
for epoch in range(rnnlab.cap_epochs(15)):
    passages, labels = classify.sample_passages(train_parts, 300, min_len, max_len, generator=gen)
    p_order = torch.randperm(len(passages), generator=gen)
    l_order = torch.randperm(len(labels), generator=gen)
    passages = [passages[i] for i in p_order.tolist()]
    labels = labels[l_order]
    for i in range(0, len(passages), 64):
        X, lengths = classify.pad_batch(passages[i:i + 64], pad)
        y = labels[i:i + 64]
        l = F.cross_entropy(net(X.to(device), lengths), y.to(device))
        opt.zero_grad()
        l.backward()
        rnnlab.grad_clipping(net, 1)
        opt.step()
