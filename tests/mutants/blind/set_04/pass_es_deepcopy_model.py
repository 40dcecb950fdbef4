# expect: pass
# exercise: 3
# what: keeps a deep copy of the whole best model and copies its state into net before returning
# %% cell f80c573b
import math

train_history = []


def train_early_stopping(net, train_iter, val_iter, num_epochs, optimizer):
    """Train, validate every epoch; return (net with its best weights, history)."""
    criterion = nn.CrossEntropyLoss()
    val_history, best_model, best_val = [], None, math.inf
    for _ in range(rnnlab.cap_epochs(num_epochs)):
        tr, _ = rnnlab.train_epoch(net, train_iter, criterion, optimizer, device, False,
                                   clip_theta=1.0)
        train_history.append(tr)
        v = rnnlab.evaluate_perplexity(net, val_iter)
        val_history.append(v)
        if v < best_val:
            best_val, best_model = v, copy.deepcopy(net)
    net.load_state_dict(best_model.state_dict())
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
