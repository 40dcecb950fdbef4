# expect: fail
# exercise: 3
# what: Keras-style min_delta: takes a new snapshot only when the validation perplexity beats the best so far by more than 1%, so a later epoch that is lower by less than that is ignored and the returned weights are not those of the lowest validation perplexity
# %% cell f80c573b
def train_early_stopping(net, train_iter, val_iter, num_epochs, optimizer, min_delta=0.01):
    """Train, validate every epoch; return (net with its best weights, history)."""
    loss = nn.CrossEntropyLoss()
    dev = next(net.parameters()).device
    val_history, best_ppl, best_state = [], math.inf, None
    for epoch in range(rnnlab.cap_epochs(num_epochs)):
        rnnlab.train_epoch(net, train_iter, loss, optimizer, dev, use_random_iter=False)
        ppl = rnnlab.evaluate_perplexity(net, val_iter, dev)
        val_history.append(ppl)
        # count it as an improvement only when it is clearly better (not noise)
        if ppl < best_ppl * (1 - min_delta):
            best_ppl, best_state = ppl, copy.deepcopy(net.state_dict())
    net.load_state_dict(best_state)
    return net, val_history


rnnlab.seed(0)
net = rnnlab.RNNLM(nn.RNN(len(vocab), 256), len(vocab)).to(device)
net, val_history = train_early_stopping(net, train_iter, val_iter, 30,
                                        torch.optim.Adam(net.parameters(), lr=0.005))
best_epoch = val_history.index(min(val_history)) + 1
print(f"best epoch {best_epoch} of {len(val_history)}: validation perplexity "
      f"{min(val_history):.2f}; last epoch {val_history[-1]:.2f}")
