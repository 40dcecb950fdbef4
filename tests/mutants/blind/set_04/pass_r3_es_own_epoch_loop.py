# expect: pass
# exercise: 3
# what: own minibatch loop instead of rnnlab.train_epoch (carry and detach the state, clip_grad_norm_ at 1, zero_grad(set_to_none=True)); best weights kept as CPU clones of the state_dict and loaded back at the end
# %% cell f80c573b
def train_early_stopping(net, train_iter, val_iter, num_epochs, optimizer):
    """Train, validate every epoch; return (net with its best weights, history)."""
    device = next(net.parameters()).device
    best_state, best_ppl, val_history = None, None, []
    for epoch in range(1, rnnlab.cap_epochs(num_epochs) + 1):
        net.train()
        state = None
        for X, Y in train_iter:
            X, Y = X.to(device), Y.to(device)
            if state is None:
                state = net.begin_state(batch_size=X.shape[0], device=device)
            else:
                state = state.detach()
            logits, state = net(X, state)
            l = nn.functional.cross_entropy(logits, Y.T.reshape(-1).long())
            optimizer.zero_grad(set_to_none=True)
            l.backward()
            torch.nn.utils.clip_grad_norm_(net.parameters(), 1.0)
            optimizer.step()
        ppl = rnnlab.evaluate_perplexity(net, val_iter, device)
        val_history.append(ppl)
        if best_ppl is None or ppl < best_ppl:
            best_ppl = ppl
            best_state = {k: v.detach().cpu().clone() for k, v in net.state_dict().items()}
    net.load_state_dict(best_state)
    return net, val_history

rnnlab.seed(0)
net = rnnlab.RNNLM(nn.RNN(len(vocab), 256), len(vocab)).to(device)
net, val_history = train_early_stopping(net, train_iter, val_iter, 30,
                                        torch.optim.Adam(net.parameters(), lr=0.005))
best_epoch = val_history.index(min(val_history)) + 1
print(f"best epoch {best_epoch} of {len(val_history)}: validation perplexity "
      f"{min(val_history):.2f}; last epoch {val_history[-1]:.2f}")
