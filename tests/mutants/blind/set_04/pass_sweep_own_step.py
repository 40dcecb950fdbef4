# expect: pass
# exercise: 2
# what: writes its own minibatch step (carry + detach the state, clip at 1 with clip_grad_norm_, SGD) instead of rnnlab.train_epoch, still one epoch of each model in turn
# %% cell 4b0709f7
sizes, num_epochs, lr = (64, 128, 256, 512), 25, 1
import math

def one_epoch(net, optimizer):
    """One pass over train_iter; returns (perplexity, tokens per second)."""
    state, total, count, t0 = None, 0.0, 0, time.perf_counter()
    for X, Y in train_iter:
        state = (net.begin_state(X.shape[0], device) if state is None else state.detach())
        logits, state = net(X.to(device), state)
        l = nn.functional.cross_entropy(logits, Y.T.reshape(-1).to(device))
        optimizer.zero_grad()
        l.backward()
        torch.nn.utils.clip_grad_norm_(net.parameters(), 1.0)
        optimizer.step()
        total += l.item() * Y.numel()
        count += Y.numel()
    return math.exp(total / count), count / (time.perf_counter() - t0)


models, opts = {}, {}
for h in sizes:
    rnnlab.seed(0)
    models[h] = rnnlab.RNNLM(nn.RNN(len(vocab), h), len(vocab)).to(device)
    opts[h] = torch.optim.SGD(models[h].parameters(), lr)
train_ppl, speed_log = {}, {h: [] for h in sizes}
for epoch in range(rnnlab.cap_epochs(num_epochs)):
    for h in sizes:
        train_ppl[h], tps = one_epoch(models[h], opts[h])
        speed_log[h].append(tps)
speed = {h: sum(v) / len(v) for h, v in speed_log.items()}
heldout = {}
for h in sizes:
    heldout[h] = rnnlab.evaluate_perplexity(models[h], val_iter)
# %% cell 43dadac3
print(f"{'hidden':>6} {'train ppl':>10} {'val ppl':>8} {'tokens/s':>9}")
for h in sizes:
    print(f"{h:6d} {train_ppl[h]:10.2f} {heldout[h]:8.2f} {speed[h]:9,.0f}")
fig, ax = plt.subplots(figsize=(4, 3))
ax.plot(sizes, [heldout[h] for h in sizes], "o-", label="validation")
ax.plot(sizes, [train_ppl[h] for h in sizes], "s--", label="training")
ax.set(xscale="log", xlabel="hidden units", ylabel="perplexity")
ax.legend()
plt.show()
