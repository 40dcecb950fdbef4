# expect: pass
# exercise: 3
# what: checkpoints the best epoch with torch.save into an in-memory io.BytesIO buffer and torch.load's it back at the end; best tracked with an epoch index
# %% cell f80c573b
import io


def train_early_stopping(net, train_iter, val_iter, num_epochs, optimizer):
    """Train, validate every epoch; return (net with its best weights, history)."""
    criterion = nn.CrossEntropyLoss()
    val_history, best_idx, buffer = [], None, io.BytesIO()
    for epoch in range(rnnlab.cap_epochs(num_epochs)):
        rnnlab.train_epoch(net, train_iter, criterion, optimizer, device, False)
        val_history.append(rnnlab.evaluate_perplexity(net, val_iter))
        if best_idx is None or val_history[-1] < val_history[best_idx]:
            best_idx = epoch
            buffer.seek(0)
            buffer.truncate()
            torch.save(net.state_dict(), buffer)
    buffer.seek(0)
    net.load_state_dict(torch.load(buffer))
    return net, val_history


rnnlab.seed(0)
net = rnnlab.RNNLM(nn.RNN(len(vocab), 256), len(vocab)).to(device)
net, val_history = train_early_stopping(net, train_iter, val_iter, 30,
                                        torch.optim.Adam(net.parameters(), lr=0.005))
best_epoch = val_history.index(min(val_history)) + 1
print(f"best epoch {best_epoch} of {len(val_history)}: validation perplexity "
      f"{min(val_history):.2f}; last epoch {val_history[-1]:.2f}")
