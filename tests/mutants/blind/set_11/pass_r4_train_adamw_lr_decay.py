# expect: pass
# exercise: 3
# what: own training loop: embedding 20, 48 hidden units, AdamW (lr 0.01, weight decay 1e-4) with a StepLR halving the rate after 12 epochs, batches of 32 from classify.passage_batches with a dedicated generator, clip_grad_norm_ at 1, 300 fresh passages per corpus for 18 epochs, mean training loss printed per epoch; the net set to eval mode at the end
# %% cell 24bb0d06
rnnlab.seed(0)
net = BiClassifier(len(vocab), 20, 48, len(classify.CORPUS_NAMES)).to(device)
optimizer = torch.optim.AdamW(net.parameters(), lr=0.01, weight_decay=1e-4)
scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=12, gamma=0.5)
batch_gen = torch.Generator().manual_seed(1234)
num_epochs = 18
for epoch in range(rnnlab.cap_epochs(num_epochs)):
    passages, labels = classify.sample_passages(train_parts, 300, min_len, max_len,
                                                batch_gen)
    net.train()
    loss_sum, seen = 0.0, 0
    for X, lengths, y in classify.passage_batches(passages, labels, 32, pad, batch_gen):
        X, y = X.to(device), y.to(device)
        loss = F.cross_entropy(net(X, lengths.to(device)), y)
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        nn.utils.clip_grad_norm_(net.parameters(), max_norm=1.0)
        optimizer.step()
        loss_sum += loss.item() * len(y)
        seen += len(y)
    scheduler.step()
    print(f"epoch {epoch + 1:2d}: training loss {loss_sum / seen:.3f}")
net.eval()
