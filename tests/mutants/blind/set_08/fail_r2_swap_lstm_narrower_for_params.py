# expect: fail
# exercise: 3
# what: gives the LSTM 110 units so its parameter count is close to the GRU's, where the text asks for the same width (128)
# %% cell d451889c
rnnlab.seed(0)
lstm_net = rnnlab.RNNLM(nn.LSTM(len(vocab), 110, num_layers=2, dropout=dropout),  # ~ the GRU parameters
                        len(vocab)).to(device)
gru_net = models[2]
opt = torch.optim.Adam(lstm_net.parameters(), lr=0.005)
for epoch in range(rnnlab.cap_epochs(num_epochs)):
    lstm_net.train()
    state = None
    for X, Y in train_iter:
        X, y = X.to(device), Y.T.reshape(-1).to(device).long()
        if state is None:
            state = lstm_net.begin_state(X.shape[0], device)
        else:
            state = (state[0].detach(), state[1].detach())
        logits, state = lstm_net(X, state)
        l = loss(logits, y)
        opt.zero_grad(set_to_none=True)
        l.backward()
        torch.nn.utils.clip_grad_norm_(lstm_net.parameters(), 1.0)
        opt.step()

X, Y = next(iter(train_iter))
X, y = X.to(device), Y.T.reshape(-1).to(device).long()

def step_ns(net):
    start = time.perf_counter_ns()
    out, _ = net(X, net.begin_state(X.shape[0], device))
    loss(out, y).backward()
    net.zero_grad()
    return time.perf_counter_ns() - start

pair = {"LSTM": lstm_net, "GRU": gru_net}
times = {k: [] for k in pair}
for r in range(7):
    order = list(pair) if r % 2 == 0 else list(pair)[::-1]
    for k in order:
        times[k].append(step_ns(pair[k]))
for k, net in pair.items():
    n = sum(p.numel() for p in net.parameters())
    ppl = rnnlab.evaluate_perplexity(net, val_iter, device)
    med = sorted(times[k])[len(times[k]) // 2] / 1e6
    print(f"{k}: validation perplexity {ppl:.2f}, {n:,} parameters, {med:.1f} ms per step")
