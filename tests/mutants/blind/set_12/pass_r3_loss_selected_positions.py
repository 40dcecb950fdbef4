# expect: pass
# exercise: 1
# what: decoder input written into Y.new_empty with slice assignment; loss as F.cross_entropy (mean) over the boolean-selected real positions only
# %% cell 47ae8131
def decoder_inputs(Y, bos):
    """<bos>, y_1, ..., y_{T-1} in every row: the targets shifted right by one."""
    Y_in = Y.new_empty(Y.shape)
    Y_in[:, 0] = bos
    Y_in[:, 1:] = Y[:, :-1]
    return Y_in


def seq2seq_loss(net, X, X_len, Y, Y_len, bos):
    """Mean cross-entropy of net(X, X_len, shifted Y) against Y over t < Y_len[b]."""
    logits = net(X, X_len, decoder_inputs(Y, bos))
    T = Y.shape[1]
    real = torch.arange(T, device=Y.device).unsqueeze(0) < Y_len.to(Y.device).unsqueeze(1)
    return F.cross_entropy(logits[real], Y[real])
