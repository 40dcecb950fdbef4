# expect: fail
# exercise: 1
# what: copy slip in the mask: builds it from the source lengths X_len instead of the target lengths Y_len, so the loss counts the positions t < X_len[b] of each target (padding included or real tokens left out)
# %% cell 47ae8131
def decoder_inputs(Y, bos):
    """<bos>, y_1, ..., y_{T-1} in every row: the targets shifted right by one."""
    return torch.cat([torch.full_like(Y[:, :1], bos), Y[:, :-1]], dim=1)


def seq2seq_loss(net, X, X_len, Y, Y_len, bos):
    """Mean cross-entropy of net(X, X_len, shifted Y) against Y over t < Y_len[b]."""
    logits = net(X, X_len, decoder_inputs(Y, bos))
    losses = F.cross_entropy(logits.transpose(1, 2), Y, reduction="none")
    T = Y.shape[1]
    mask = torch.arange(T, device=Y.device)[None, :] < X_len[:, None]
    return (losses * mask).sum() / mask.sum()
