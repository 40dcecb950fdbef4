# expect: fail
# exercise: 3
# what: snapshots and restores only the recurrent layer (net.rnn.state_dict()), so the returned net has the best epoch's RNN weights but the LAST epoch's output layer, a mix that no epoch ever had
# %% cell f80c573b
def train_early_stopping(net, train_iter, val_iter, num_epochs, optimizer):
    """Train, validate every epoch; return (net with its best weights, history)."""
    loss = nn.CrossEntropyLoss()
    dev = next(net.parameters()).device
    val_history, best = [], None
    for epoch in range(rnnlab.cap_epochs(num_epochs)):
        rnnlab.train_epoch(net, train_iter, loss, optimizer, dev, use_random_iter=False)
        ppl = rnnlab.evaluate_perplexity(net, val_iter, dev)
        if not val_history or ppl < min(val_history):
            best = copy.deepcopy(net.rnn.state_dict())   # the recurrent layer's weights
        val_history.append(ppl)
    net.rnn.load_state_dict(best)
    return net, val_history


rnnlab.seed(0)
net = rnnlab.RNNLM(nn.RNN(len(vocab), 256), len(vocab)).to(device)
net, val_history = train_early_stopping(net, train_iter, val_iter, 30,
                                        torch.optim.Adam(net.parameters(), lr=0.005))
best_epoch = val_history.index(min(val_history)) + 1
print(f"best epoch {best_epoch} of {len(val_history)}: validation perplexity "
      f"{min(val_history):.2f}; last epoch {val_history[-1]:.2f}")
