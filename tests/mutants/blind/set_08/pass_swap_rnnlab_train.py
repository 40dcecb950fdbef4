# expect: pass
# exercise: 3
# what: trains lstm_net with rnnlab.train and an Adam optimizer passed in (lr 0.005, clip 1, 10 epochs), interleaved perf_counter rounds alternating which model goes first
# %% cell d451889c
rnnlab.seed(3)
lstm_net = rnnlab.RNNLM(nn.LSTM(len(vocab), num_hiddens, 2, dropout=0.2), len(vocab))
hist = rnnlab.train(lstm_net, train_iter, vocab, lr=0.005, num_epochs=num_epochs, device=device,
                    optimizer=torch.optim.Adam(lstm_net.parameters(), lr=0.005),
                    clip_theta=1.0, val_iter=val_iter, plot=False, progress=False)
gru_net = models[2]


def one_step(net, X, Y):
    start = time.perf_counter()
    out, _ = net(X, net.begin_state(X.shape[0], device))
    loss(out, Y.T.reshape(-1)).backward()
    elapsed = time.perf_counter() - start
    net.zero_grad(set_to_none=True)
    return elapsed


batches = iter(train_iter)
X, Y = next(batches)
X, Y = X.to(device), Y.to(device)
times = {"lstm": [], "gru": []}
for r in range(6):
    order = [("lstm", lstm_net), ("gru", gru_net)]
    for key, net in (order if r % 2 == 0 else order[::-1]):
        times[key].append(one_step(net, X, Y))
for key, net in (("lstm", lstm_net), ("gru", gru_net)):
    print(f"{key}: val ppl {rnnlab.evaluate_perplexity(net, val_iter, device):.2f}, "
          f"{sum(p.numel() for p in net.parameters()):,} params, "
          f"median step {1000 * sorted(times[key])[3]:.1f} ms")
