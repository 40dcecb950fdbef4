# expect: fail
# exercise: 1
# what: the bos column is made with torch.full((batch_size, 1), bos), whose dtype is int64 whatever Y's is, so torch.cat promotes the result: for int32 (or uint8) targets the decoder input does not have Y's dtype (the loss is right)
# %% cell 47ae8131
def decoder_inputs(Y, bos):
    """<bos>, y_1, ..., y_{T-1} in every row: the targets shifted right by one."""
    bos_column = torch.full((Y.shape[0], 1), bos, device=Y.device)
    return torch.cat([bos_column, Y[:, :-1]], dim=1)


def seq2seq_loss(net, X, X_len, Y, Y_len, bos):
    """Mean cross-entropy of net(X, X_len, shifted Y) against Y over t < Y_len[b]."""
    logits = net(X, X_len, decoder_inputs(Y, bos))
    losses = F.cross_entropy(logits.transpose(1, 2), Y.long(), reduction="none")
    mask = torch.arange(Y.shape[1], device=Y.device)[None, :] < Y_len[:, None]
    return (losses * mask).sum() / mask.sum()
