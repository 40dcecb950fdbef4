# expect: fail
# exercise: 1
# what: shifts twice: the net already reads the shifted input, but the loss then compares logits[:, :-1] with Y[:, 1:] as in a language model, so the logits at step t are scored against y_{t+1} (the first target is never scored)
# %% cell 47ae8131
def decoder_inputs(Y, bos):
    """<bos>, y_1, ..., y_{T-1} in every row: the targets shifted right by one."""
    return torch.cat([torch.full_like(Y[:, :1], bos), Y[:, :-1]], dim=1)


def seq2seq_loss(net, X, X_len, Y, Y_len, bos):
    """Mean cross-entropy of net(X, X_len, shifted Y) against Y over t < Y_len[b]."""
    logits = net(X, X_len, decoder_inputs(Y, bos))
    # predict the next token: logits at t against the target at t + 1
    logits, targets = logits[:, :-1], Y[:, 1:]
    losses = F.cross_entropy(logits.transpose(1, 2), targets, reduction="none")
    mask = (torch.arange(targets.shape[1], device=Y.device)[None, :]
            < (Y_len - 1)[:, None])
    return (losses * mask).sum() / mask.sum().clamp(min=1)
