# expect: pass
# exercise: 3
# what: keeps a CPU clone of the state dict after EVERY epoch in a list and picks the best one with an argmin over the history at the end (more memory, same result); loads it with load_state_dict
# %% cell f80c573b
def train_early_stopping(net, train_iter, val_iter, num_epochs, optimizer):
    """Train, validate every epoch; return (net with its best weights, history)."""
    loss = nn.CrossEntropyLoss()
    dev = next(net.parameters()).device
    val_history, snapshots = [], []
    for epoch in range(rnnlab.cap_epochs(num_epochs)):
        rnnlab.train_epoch(net, train_iter, loss, optimizer, dev, use_random_iter=False)
        val_history.append(rnnlab.evaluate_perplexity(net, val_iter, dev))
        snapshots.append({k: v.detach().to("cpu", copy=True)
                          for k, v in net.state_dict().items()})
    best = min(range(len(val_history)), key=val_history.__getitem__)   # 0-based epoch
    net.load_state_dict(snapshots[best])
    return net, val_history


rnnlab.seed(0)
net = rnnlab.RNNLM(nn.RNN(len(vocab), 256), len(vocab)).to(device)
net, val_history = train_early_stopping(net, train_iter, val_iter, 30,
                                        torch.optim.Adam(net.parameters(), lr=0.005))
best_epoch = val_history.index(min(val_history)) + 1
print(f"best epoch {best_epoch} of {len(val_history)}: validation perplexity "
      f"{min(val_history):.2f}; last epoch {val_history[-1]:.2f}")
