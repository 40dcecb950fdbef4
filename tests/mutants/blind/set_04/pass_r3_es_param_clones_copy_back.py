# expect: pass
# exercise: 3
# what: no state_dict at all: keeps clones of net.parameters() at the best epoch and copies them back in place with p.copy_ under no_grad at the end
# %% cell f80c573b
def train_early_stopping(net, train_iter, val_iter, num_epochs, optimizer):
    """Train, validate every epoch; return (net with its best weights, history)."""
    criterion = nn.CrossEntropyLoss()
    device = next(net.parameters()).device
    params = list(net.parameters())
    best_vals, best_ppl, val_history = None, float("inf"), []
    for _ in range(rnnlab.cap_epochs(num_epochs)):
        rnnlab.train_epoch(net, train_iter, criterion, optimizer, device, False)
        val_history.append(rnnlab.evaluate_perplexity(net, val_iter, device))
        if val_history[-1] < best_ppl:
            best_ppl = val_history[-1]
            best_vals = [p.detach().clone() for p in params]
    if best_vals is not None:
        with torch.no_grad():
            for p, v in zip(params, best_vals):
                p.copy_(v)
    return net, val_history

rnnlab.seed(0)
net = rnnlab.RNNLM(nn.RNN(len(vocab), 256), len(vocab)).to(device)
net, val_history = train_early_stopping(net, train_iter, val_iter, 30,
                                        torch.optim.Adam(net.parameters(), lr=0.005))
best_epoch = val_history.index(min(val_history)) + 1
print(f"best epoch {best_epoch} of {len(val_history)}: validation perplexity "
      f"{min(val_history):.2f}; last epoch {val_history[-1]:.2f}")
