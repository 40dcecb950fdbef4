# expect: fail
# exercise: 1
# what: masks t < Y_len - 1, leaving out each target's final <eos> (a real target position), so the model is never taught to stop
# %% cell 47ae8131
def decoder_inputs(Y, bos):
    """<bos>, y_1, ..., y_{T-1} in every row: the targets shifted right by one."""
    return torch.cat([torch.full_like(Y[:, :1], bos), Y[:, :-1]], dim=1)


def seq2seq_loss(net, X, X_len, Y, Y_len, bos):
    """Mean cross-entropy of net(X, X_len, shifted Y) against Y over t < Y_len[b]."""
    logits = net(X, X_len, decoder_inputs(Y, bos))
    losses = F.cross_entropy(logits.transpose(1, 2), Y, reduction="none")
    mask = torch.arange(Y.shape[1], device=Y.device)[None, :] < (Y_len - 1)[:, None]
    return (losses * mask).sum() / mask.sum().clamp(min=1)
