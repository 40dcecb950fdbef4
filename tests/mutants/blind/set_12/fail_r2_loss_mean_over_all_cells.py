# expect: fail
# exercise: 1
# what: masks the losses but takes .mean() over all batch_size * T cells (padded cells count in the denominator), so batches with more padding get a smaller loss
# %% cell 47ae8131
def decoder_inputs(Y, bos):
    """<bos>, y_1, ..., y_{T-1} in every row: the targets shifted right by one."""
    return torch.cat([torch.full_like(Y[:, :1], bos), Y[:, :-1]], dim=1)


def seq2seq_loss(net, X, X_len, Y, Y_len, bos):
    """Mean cross-entropy of net(X, X_len, shifted Y) against Y over t < Y_len[b]."""
    logits = net(X, X_len, decoder_inputs(Y, bos))
    losses = F.cross_entropy(logits.transpose(1, 2), Y.long(), reduction="none")
    mask = (torch.arange(Y.shape[1], device=Y.device)[None, :] < Y_len[:, None]).float()
    return (losses * mask).mean()
