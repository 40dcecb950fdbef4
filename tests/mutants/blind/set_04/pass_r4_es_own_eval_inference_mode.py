# expect: pass
# exercise: 3
# what: own validation helper under torch.inference_mode (eval mode, state carried across the sequential batches, float64 sum of token losses, one exp); best weights kept as clones of the state dict with the best epoch index
# %% cell f80c573b
def val_perplexity(net, data_iter, dev):
    """exp of the mean cross-entropy over every validation token."""
    was_training = net.training
    net.eval()
    total, count, state = torch.zeros((), dtype=torch.float64), 0, None
    with torch.inference_mode():
        for X, Y in data_iter:
            if state is None:
                state = net.begin_state(batch_size=X.shape[0], device=dev)
            logits, state = net(X.to(dev), state)
            y = Y.T.reshape(-1).to(dev)
            total += nn.functional.cross_entropy(logits.double(), y.long(),
                                                 reduction="sum").cpu()
            count += y.numel()
    net.train(was_training)
    return math.exp(total.item() / count)


def train_early_stopping(net, train_iter, val_iter, num_epochs, optimizer):
    """Train, validate every epoch; return (net with its best weights, history)."""
    loss = nn.CrossEntropyLoss()
    dev = next(net.parameters()).device
    val_history, best_epoch, best_state = [], None, None
    for epoch in range(rnnlab.cap_epochs(num_epochs)):
        rnnlab.train_epoch(net, train_iter, loss, optimizer, dev, use_random_iter=False)
        val_history.append(val_perplexity(net, val_iter, dev))
        if best_epoch is None or val_history[-1] < val_history[best_epoch]:
            best_epoch = epoch
            best_state = {k: v.detach().clone() for k, v in net.state_dict().items()}
    net.load_state_dict(best_state)
    return net, val_history


rnnlab.seed(0)
net = rnnlab.RNNLM(nn.RNN(len(vocab), 256), len(vocab)).to(device)
net, val_history = train_early_stopping(net, train_iter, val_iter, 30,
                                        torch.optim.Adam(net.parameters(), lr=0.005))
best_epoch = val_history.index(min(val_history)) + 1
print(f"best epoch {best_epoch} of {len(val_history)}: validation perplexity "
      f"{min(val_history):.2f}; last epoch {val_history[-1]:.2f}")
