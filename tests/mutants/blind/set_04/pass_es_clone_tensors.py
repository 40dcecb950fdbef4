# expect: pass
# exercise: 3
# what: keeps the best weights as {name: tensor.detach().clone()} instead of copy.deepcopy, tracks the best epoch index, loads them at the end
# %% cell f80c573b
train_history = []


def train_early_stopping(net, train_iter, val_iter, num_epochs, optimizer):
    """Train, validate every epoch; return (net with its best weights, history)."""
    loss_fn = nn.CrossEntropyLoss()
    val_history, best_epoch_idx, saved = [], -1, None
    for epoch in range(rnnlab.cap_epochs(num_epochs)):
        train_ppl, _ = rnnlab.train_epoch(net, train_iter, loss_fn, optimizer, device,
                                          use_random_iter=False)
        train_history.append(train_ppl)
        val_history.append(rnnlab.evaluate_perplexity(net, val_iter, device))
        if best_epoch_idx < 0 or val_history[-1] < val_history[best_epoch_idx]:
            best_epoch_idx = len(val_history) - 1
            saved = {k: v.detach().clone() for k, v in net.state_dict().items()}
    net.load_state_dict(saved)
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
