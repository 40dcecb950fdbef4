# expect: fail
# exercise: 3
# what: evaluates BEFORE each training epoch and saves the weights after it, so val_history[i] and the kept weights belong to different epochs (and the last epoch is never validated)
# %% cell f80c573b
train_history = []


def train_early_stopping(net, train_iter, val_iter, num_epochs, optimizer):
    """Train, validate every epoch; return (net with its best weights, history)."""
    loss = nn.CrossEntropyLoss()
    val_history, best, best_ppl = [], None, float("inf")
    for epoch in range(rnnlab.cap_epochs(num_epochs)):
        val_ppl = rnnlab.evaluate_perplexity(net, val_iter)
        val_history.append(val_ppl)
        ppl, _ = rnnlab.train_epoch(net, train_iter, loss, optimizer, device, False)
        train_history.append(ppl)
        if val_ppl < best_ppl:
            best_ppl, best = val_ppl, copy.deepcopy(net.state_dict())
    net.load_state_dict(best)
    return net, val_history


rnnlab.seed(0)
net = rnnlab.RNNLM(nn.RNN(len(vocab), 256), len(vocab)).to(device)
net, val_history = train_early_stopping(net, train_iter, val_iter, 30,
                                        torch.optim.Adam(net.parameters(), lr=0.005))
best_epoch = val_history.index(min(val_history)) + 1
print(f"best epoch {best_epoch} of {len(val_history)}: validation perplexity "
      f"{min(val_history):.2f}; last epoch {val_history[-1]:.2f}")
# %% cell 253cfc38
fig, ax = plt.subplots(figsize=(5, 3))
ax.plot(range(1, len(train_history) + 1), train_history, label="training")
ax.plot(range(1, len(val_history) + 1), val_history, label="validation")
ax.axvline(best_epoch, color="gray", ls=":", label="kept weights")
ax.set(xlabel="epoch", ylabel="perplexity", yscale="log")
ax.legend()
plt.show()
