# expect: fail
# exercise: 1
# what: decoder_inputs is right, but seq2seq_loss feeds the net Y itself (not the shifted input): the decoder reads the very token it must predict
# %% cell 47ae8131
def decoder_inputs(Y, bos):
    """<bos>, y_1, ..., y_{T-1} in every row: the targets shifted right by one."""
    return torch.cat([torch.full_like(Y[:, :1], bos), Y[:, :-1]], dim=1)


def seq2seq_loss(net, X, X_len, Y, Y_len, bos):
    """Mean cross-entropy of net(X, X_len, shifted Y) against Y over t < Y_len[b]."""
    logits = net(X, X_len, Y)
    losses = F.cross_entropy(logits.transpose(1, 2), Y, reduction="none")
    mask = torch.arange(Y.shape[1], device=Y.device)[None, :] < Y_len[:, None]
    return (losses * mask).sum() / mask.sum()
