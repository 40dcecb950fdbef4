# expect: fail
# exercise: 3
# what: appends the epoch's perplexity first and then tests ppl < min(val_history), which is never true, so the kept (and restored) weights are always those of the first epoch
# %% cell f80c573b
def train_early_stopping(net, train_iter, val_iter, num_epochs, optimizer):
    """Train, validate every epoch; return (net with its best weights, history)."""
    loss = nn.CrossEntropyLoss()
    best_state, val_history = None, []
    for epoch in range(rnnlab.cap_epochs(num_epochs)):
        rnnlab.train_epoch(net, train_iter, loss, optimizer, device, use_random_iter=False)
        ppl = rnnlab.evaluate_perplexity(net, val_iter)
        val_history.append(ppl)
        if best_state is None or ppl < min(val_history):
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
