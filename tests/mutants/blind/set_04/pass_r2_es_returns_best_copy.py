# expect: pass
# exercise: 3
# what: keeps a deep copy of the whole network at its best epoch and returns that copy (a different object carrying the best weights) with the full history
# %% cell f80c573b
def train_early_stopping(net, train_iter, val_iter, num_epochs, optimizer):
    """Train, validate every epoch; return (net with its best weights, history)."""
    loss_fn = nn.CrossEntropyLoss()
    best_net, best_ppl, val_history = None, float("inf"), []
    for _ in range(rnnlab.cap_epochs(num_epochs)):
        rnnlab.train_epoch(net, train_iter, loss_fn, optimizer, device,
                           use_random_iter=False)
        ppl = rnnlab.evaluate_perplexity(net, val_iter)
        val_history.append(ppl)
        if ppl < best_ppl:
            best_ppl, best_net = ppl, copy.deepcopy(net)
    return best_net, val_history


rnnlab.seed(0)
net = rnnlab.RNNLM(nn.RNN(len(vocab), 256), len(vocab)).to(device)
net, val_history = train_early_stopping(net, train_iter, val_iter, 30,
                                        torch.optim.Adam(net.parameters(), lr=0.005))
best_epoch = val_history.index(min(val_history)) + 1
print(f"best epoch {best_epoch} of {len(val_history)}: validation perplexity "
      f"{min(val_history):.2f}; last epoch {val_history[-1]:.2f}")
