# expect: pass
# exercise: 3
# what: trains the LSTM with rnnlab.train (Adam passed as optimizer, val_iter for the curve, no samples), gru_net taken from models[2], interleaved step timing with a helper returning medians
# %% cell d451889c
rnnlab.seed(0)
lstm_net = rnnlab.RNNLM(nn.LSTM(len(vocab), num_hiddens, num_layers=2, dropout=dropout),
                        len(vocab)).to(device)
hist = rnnlab.train(lstm_net, train_iter, vocab, lr=0.005, num_epochs=num_epochs, device=device,
                    use_random_iter=False,
                    optimizer=torch.optim.Adam(lstm_net.parameters(), lr=0.005),
                    clip_theta=1.0, prefixes=None, plot=False, progress=False,
                    val_iter=val_iter)
gru_net = models[2]

val = {"GRU": rnnlab.evaluate_perplexity(gru_net, val_iter, device),
       "LSTM": rnnlab.evaluate_perplexity(lstm_net, val_iter, device)}
X, Y = next(iter(train_iter))
X, y = X.to(device), Y.T.reshape(-1).to(device).long()


def one_step(net):
    t0 = time.perf_counter()
    out, _ = net(X, net.begin_state(X.shape[0], device))
    loss(out, y).backward()
    net.zero_grad()
    return time.perf_counter() - t0


times = {"GRU": [], "LSTM": []}
for _ in range(5):
    times["GRU"].append(one_step(gru_net))
    times["LSTM"].append(one_step(lstm_net))
for name, net in (("GRU", gru_net), ("LSTM", lstm_net)):
    med = sorted(times[name])[len(times[name]) // 2]
    print(f"{name}: {sum(p.numel() for p in net.parameters()):,} parameters, "
          f"validation {val[name]:.2f}, {1000 * med:.1f} ms per step")
