# expect: fail
# exercise: 1
# what: relies on ignore_index=0 (pad id) instead of masking by Y_len, so padded positions holding non-pad ids still count
# %% cell 47ae8131
def decoder_inputs(Y, bos):
    """<bos>, y_1, ..., y_{T-1} in every row: the targets shifted right by one."""
    return torch.cat([torch.full_like(Y[:, :1], bos), Y[:, :-1]], dim=1)


def seq2seq_loss(net, X, X_len, Y, Y_len, bos):
    """Mean cross-entropy of net(X, X_len, shifted Y) against Y over t < Y_len[b]."""
    logits = net(X, X_len, decoder_inputs(Y, bos))
    return F.cross_entropy(logits.reshape(-1, logits.shape[-1]), Y.reshape(-1),
                           ignore_index=0)
