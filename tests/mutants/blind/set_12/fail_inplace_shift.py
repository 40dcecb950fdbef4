# expect: fail
# exercise: 1
# what: decoder_inputs shifts Y in place (returns a view of the modified Y), so Y is changed and the loss compares with shifted targets
# %% cell 47ae8131
def decoder_inputs(Y, bos):
    """<bos>, y_1, ..., y_{T-1} in every row: the targets shifted right by one."""
    Y[:, 1:] = Y[:, :-1].clone()
    Y[:, 0] = bos
    return Y


def seq2seq_loss(net, X, X_len, Y, Y_len, bos):
    """Mean cross-entropy of net(X, X_len, shifted Y) against Y over t < Y_len[b]."""
    logits = net(X, X_len, decoder_inputs(Y, bos))
    losses = F.cross_entropy(logits.transpose(1, 2), Y, reduction="none")
    mask = torch.arange(Y.shape[1], device=Y.device)[None, :] < Y_len[:, None]
    return (losses * mask).sum() / mask.sum()
