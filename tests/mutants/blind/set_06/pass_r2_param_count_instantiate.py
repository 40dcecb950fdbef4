# expect: pass
# exercise: 1
# what: builds the torch.nn layer for the kind (on the meta device, no memory) and sums numel over its parameters
# %% cell c0747583
def rnn_param_count(kind, num_inputs, num_hiddens):
    """Number of parameters of nn.RNN / nn.GRU / nn.LSTM(num_inputs, num_hiddens)."""
    layer_cls = {"rnn": nn.RNN, "gru": nn.GRU, "lstm": nn.LSTM}[kind]
    layer = layer_cls(num_inputs, num_hiddens, device="meta")
    return sum(p.numel() for p in layer.parameters())
