# expect: fail
# exercise: 1
# what: loops over every layer by name bias_ih_l{k} / bias_hh_l{k} but forgets the '_reverse' parameters, so a bidirectional LSTM's backward direction keeps its old forget bias
# %% cell 575ead61
def set_forget_bias(lstm, value):
    """Set the forget gate's bias (b_if + b_hf) to value in every layer, in place."""
    H = lstm.hidden_size
    with torch.no_grad():
        for k in range(lstm.num_layers):
            getattr(lstm, f"bias_ih_l{k}")[H:2 * H] = value
            getattr(lstm, f"bias_hh_l{k}")[H:2 * H] = 0.0
