# expect: pass
# exercise: 1
# what: builds the shift by preallocation and computes the loss with log_softmax + gather and boolean indexing of the real positions
# %% cell 47ae8131
def decoder_inputs(Y, bos):
    """<bos>, y_1, ..., y_{T-1} in every row: the targets shifted right by one."""
    Y_in = torch.empty_like(Y)
    Y_in[:, 0] = bos
    Y_in[:, 1:] = Y[:, :-1]
    return Y_in


def seq2seq_loss(net, X, X_len, Y, Y_len, bos):
    """Mean cross-entropy of net(X, X_len, shifted Y) against Y over t < Y_len[b]."""
    logits = net(X, X_len, decoder_inputs(Y, bos))
    log_probs = torch.log_softmax(logits, dim=-1)
    nll = -log_probs.gather(-1, Y.unsqueeze(-1)).squeeze(-1)   # (batch, T)
    T = Y.shape[1]
    real = torch.arange(T, device=Y.device).unsqueeze(0) < Y_len.to(Y.device).unsqueeze(1)
    return nll[real].mean()
