# expect: fail
# exercise: 3
# what: gru_net is a freshly built two-layer GRU (never trained) instead of exercise 2's trained model, so its validation perplexity is that of an untrained net
# %% cell d451889c
rnnlab.seed(0)
lstm_net = rnnlab.RNNLM(nn.LSTM(len(vocab), num_hiddens, num_layers=2, dropout=dropout),
                        len(vocab)).to(device)
rnnlab.seed(0)
gru_net = rnnlab.RNNLM(nn.GRU(len(vocab), num_hiddens, num_layers=2, dropout=dropout),
                       len(vocab)).to(device)
opt = torch.optim.Adam(lstm_net.parameters(), lr=0.005)
for epoch in range(rnnlab.cap_epochs(num_epochs)):
    rnnlab.train_epoch(lstm_net, train_iter, loss, opt, device, False)
X, Y = next(iter(train_iter))
y = Y.T.reshape(-1).to(device)
times = {"gru": [], "lstm": []}
for _ in range(5):
    for name, net in (("gru", gru_net), ("lstm", lstm_net)):
        t0 = time.perf_counter()
        loss(net(X.to(device), net.begin_state(batch_size, device))[0], y).backward()
        times[name].append(time.perf_counter() - t0)
for name, net in (("gru", gru_net), ("lstm", lstm_net)):
    print(name, sum(p.numel() for p in net.parameters()),
          f"{rnnlab.evaluate_perplexity(net, val_iter, device):.2f}",
          f"{1000 * sorted(times[name])[2]:.1f} ms")
