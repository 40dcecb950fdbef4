# expect: fail
# exercise: 3
# what: records each epoch's validation perplexity correctly, but decides which weights to keep by the epoch's TRAINING perplexity (from train_epoch), so the kept weights are those that fit the training text best (about the last epoch), not those of the lowest validation perplexity
# %% cell f80c573b
def train_early_stopping(net, train_iter, val_iter, num_epochs, optimizer):
    """Train, validate every epoch; return (net with its best weights, history)."""
    loss = nn.CrossEntropyLoss()
    dev = next(net.parameters()).device
    val_history, best_state, best_ppl = [], None, math.inf
    for epoch in range(rnnlab.cap_epochs(num_epochs)):
        train_ppl, _ = rnnlab.train_epoch(net, train_iter, loss, optimizer, dev,
                                          use_random_iter=False)
        val_history.append(rnnlab.evaluate_perplexity(net, val_iter, dev))
        if train_ppl < best_ppl:                      # the best epoch so far
            best_ppl = train_ppl
            best_state = copy.deepcopy(net.state_dict())
    net.load_state_dict(best_state)
    return net, val_history


rnnlab.seed(0)
net = rnnlab.RNNLM(nn.RNN(len(vocab), 256), len(vocab)).to(device)
net, val_history = train_early_stopping(net, train_iter, val_iter, 30,
                                        torch.optim.Adam(net.parameters(), lr=0.005))
best_epoch = val_history.index(min(val_history)) + 1
print(f"best epoch {best_epoch} of {len(val_history)}: validation perplexity "
      f"{min(val_history):.2f}; last epoch {val_history[-1]:.2f}")
