# expect: fail
# exercise: 3
# what: the interleaved "training step" timing also calls step() of a fresh Adam (lr 0.005) on each model, so gru_net, which is models[2] itself, takes 8 more updates with fresh moments after its validation perplexity was stored: the compared GRU (and exercise 2's models[2]) is no longer the trained model of exercise 2
# %% cell d451889c
rnnlab.seed(0)
lstm_net = rnnlab.RNNLM(nn.LSTM(len(vocab), num_hiddens, num_layers=2, dropout=dropout),
                        len(vocab)).to(device)
lstm_opt = torch.optim.Adam(lstm_net.parameters(), lr=0.005)
for epoch in range(rnnlab.cap_epochs(num_epochs)):
    lstm_ppl, _ = rnnlab.train_epoch(lstm_net, train_iter, loss, lstm_opt, device,
                                     use_random_iter=False)
gru_net = models[2]

# one training step = forward, loss, backward and the update
X, Y = next(iter(train_iter))
X, y = X.to(device), Y.T.reshape(-1).to(device).long()
step_opts = {"GRU": torch.optim.Adam(gru_net.parameters(), lr=0.005),
             "LSTM": torch.optim.Adam(lstm_net.parameters(), lr=0.005)}
nets = {"GRU": gru_net, "LSTM": lstm_net}
times = {name: [] for name in nets}
for _ in range(8):
    for name, net in nets.items():
        opt = step_opts[name]
        tic = time.perf_counter()
        opt.zero_grad()
        y_hat, _ = net(X, net.begin_state(X.shape[0], device))
        loss(y_hat, y).backward()
        opt.step()
        times[name].append(time.perf_counter() - tic)
for name, net in nets.items():
    ms = 1000 * sorted(times[name])[len(times[name]) // 2]
    n = sum(p.numel() for p in net.parameters())
    val = rnnlab.evaluate_perplexity(net, val_iter, device)
    print(f"{name}: {n:,} parameters, validation {val:.2f}, {ms:.1f} ms per step")
