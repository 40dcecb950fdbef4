# expect: fail
# exercise: 1
# what: decoder_inputs shifts Y in place (Y_in is Y), so the caller's targets are overwritten with the shifted input
# %% cell 47ae8131
def decoder_inputs(Y, bos):
    """<bos>, y_1, ..., y_{T-1} in every row: the targets shifted right by one."""
    Y_in = Y
    Y_in[:, 1:] = Y[:, :-1].clone()
    Y_in[:, 0] = bos
    return Y_in


def seq2seq_loss(net, X, X_len, Y, Y_len, bos):
    """Mean cross-entropy of net(X, X_len, shifted Y) against Y over t < Y_len[b]."""
    targets = Y.clone()
    logits = net(X, X_len, decoder_inputs(Y.clone(), bos))
    losses = F.cross_entropy(logits.transpose(1, 2), targets, reduction="none")
    mask = torch.arange(Y.shape[1], device=Y.device)[None, :] < Y_len[:, None]
    return (losses * mask).sum() / mask.sum()
