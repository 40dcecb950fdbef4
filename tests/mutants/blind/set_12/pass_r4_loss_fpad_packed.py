# expect: pass
# exercise: 1
# what: decoder input with F.pad(Y[:, :-1], (1, 0), value=bos) (a new tensor of Y's dtype); the loss packs the logits and the targets with pack_padded_sequence(Y_len) and takes F.cross_entropy's mean over .data, i.e. over exactly the real target positions
# %% cell 47ae8131
def decoder_inputs(Y, bos):
    """<bos>, y_1, ..., y_{T-1} in every row: the targets shifted right by one."""
    return F.pad(Y[:, :-1], (1, 0), value=bos)


def seq2seq_loss(net, X, X_len, Y, Y_len, bos):
    """Mean cross-entropy of net(X, X_len, shifted Y) against Y over t < Y_len[b]."""
    from torch.nn.utils.rnn import pack_padded_sequence
    logits = net(X, X_len, decoder_inputs(Y, bos))
    lengths = torch.as_tensor(Y_len).to("cpu", torch.int64)
    real_logits = pack_padded_sequence(logits, lengths, batch_first=True,
                                       enforce_sorted=False).data
    real_targets = pack_padded_sequence(Y, lengths, batch_first=True,
                                        enforce_sorted=False).data
    return F.cross_entropy(real_logits, real_targets.long())
