# expect: fail
# exercise: 3
# what: saves the best weights as dict(net.state_dict()) (a new dict, but the same live tensors), so the 'best' snapshot follows training and the returned net carries the last epoch's weights
# %% cell f80c573b
def train_early_stopping(net, train_iter, val_iter, num_epochs, optimizer):
    """Train, validate every epoch; return (net with its best weights, history)."""
    loss = nn.CrossEntropyLoss()
    device = next(net.parameters()).device
    val_history, best, best_ppl = [], None, math.inf
    for epoch in range(rnnlab.cap_epochs(num_epochs)):
        rnnlab.train_epoch(net, train_iter, loss, optimizer, device, use_random_iter=False)
        ppl = rnnlab.evaluate_perplexity(net, val_iter, device)
        val_history.append(ppl)
        if ppl < best_ppl:
            best_ppl, best = ppl, dict(net.state_dict())   # a copy of the dict
    net.load_state_dict(best)
    return net, val_history

rnnlab.seed(0)
net = rnnlab.RNNLM(nn.RNN(len(vocab), 256), len(vocab)).to(device)
net, val_history = train_early_stopping(net, train_iter, val_iter, 30,
                                        torch.optim.Adam(net.parameters(), lr=0.005))
best_epoch = val_history.index(min(val_history)) + 1
print(f"best epoch {best_epoch} of {len(val_history)}: validation perplexity "
      f"{min(val_history):.2f}; last epoch {val_history[-1]:.2f}")
