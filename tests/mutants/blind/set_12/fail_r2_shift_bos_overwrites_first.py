# expect: fail
# exercise: 1
# what: writes bos over column 0 of a copy of Y instead of shifting: the input is bos, y_2, ..., y_T, so y_1 is never read and every later input is one step early
# %% cell 47ae8131
def decoder_inputs(Y, bos):
    """<bos>, y_1, ..., y_{T-1} in every row: the targets shifted right by one."""
    Y_in = Y.clone()
    Y_in[:, 0] = bos
    return Y_in


def seq2seq_loss(net, X, X_len, Y, Y_len, bos):
    """Mean cross-entropy of net(X, X_len, shifted Y) against Y over t < Y_len[b]."""
    logits = net(X, X_len, decoder_inputs(Y, bos))
    losses = F.cross_entropy(logits.transpose(1, 2), Y.long(), reduction="none")
    mask = (torch.arange(Y.shape[1], device=Y.device)[None, :] < Y_len[:, None]).float()
    return (losses * mask).sum() / mask.sum()
