# expect: pass
# exercise: 3
# what: trains the two-layer LSTM with the exercise-2 settings via rnnlab.train_epoch, reuses models[2] as gru_net, interleaved median step timing
# %% cell d451889c
rnnlab.seed(0)
lstm_net = rnnlab.RNNLM(nn.LSTM(len(vocab), num_hiddens, num_layers=2, dropout=dropout),
                        len(vocab)).to(device)
lstm_opt = torch.optim.Adam(lstm_net.parameters(), lr=0.005)
for epoch in range(rnnlab.cap_epochs(num_epochs)):
    lstm_ppl, _ = rnnlab.train_epoch(lstm_net, train_iter, loss, lstm_opt, device, False)
gru_net = models[2]
pair = {"LSTM": lstm_net, "GRU": gru_net}
X, Y = next(iter(train_iter))
X, y = X.to(device), Y.T.reshape(-1).to(device)
step_ms = {name: [] for name in pair}
for _ in range(5):
    for name, net in pair.items():
        state = net.begin_state(X.shape[0], device)
        start = time.perf_counter()
        l = loss(net(X, state)[0], y)
        l.backward()
        step_ms[name].append(1000 * (time.perf_counter() - start))
        net.zero_grad()
for name, net in pair.items():
    n = sum(p.numel() for p in net.parameters())
    val = rnnlab.evaluate_perplexity(net, val_iter, device)
    t = sorted(step_ms[name])[len(step_ms[name]) // 2]
    print(f"{name}: {n:,} parameters, validation perplexity {val:.2f}, {t:.1f} ms per step")
