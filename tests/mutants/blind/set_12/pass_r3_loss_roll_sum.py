# expect: pass
# exercise: 1
# what: decoder input via torch.roll (a new tensor) with column 0 overwritten; loss as a summed cross-entropy over masked positions divided by the float count of real tokens
# %% cell 47ae8131
def decoder_inputs(Y, bos):
    """<bos>, y_1, ..., y_{T-1} in every row: the targets shifted right by one."""
    shifted = torch.roll(Y, shifts=1, dims=1)
    shifted[:, 0] = bos
    return shifted


def seq2seq_loss(net, X, X_len, Y, Y_len, bos):
    """Mean cross-entropy of net(X, X_len, shifted Y) against Y over t < Y_len[b]."""
    logits = net(X, X_len, decoder_inputs(Y, bos))
    B, T, V = logits.shape
    mask = (torch.arange(T, device=Y.device).expand(B, T) < Y_len.view(B, 1)).reshape(-1)
    per_token = F.cross_entropy(logits.reshape(B * T, V), Y.reshape(-1), reduction="none")
    return torch.sum(per_token * mask) / mask.float().sum()
