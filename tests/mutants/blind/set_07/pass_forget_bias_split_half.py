# expect: pass
# exercise: 1
# what: walks layers and directions explicitly with getattr and splits the value in two halves, value/2 in each of the pair (the sum is value)
# %% cell 575ead61
def set_forget_bias(lstm, value):
    """Set the forget gate's bias (b_if + b_hf) to value in every layer, in place."""
    H = lstm.hidden_size
    f_rows = slice(H, 2 * H)                      # gates stacked i, f, g, o
    suffixes = ["", "_reverse"] if lstm.bidirectional else [""]
    for layer in range(lstm.num_layers):
        for suffix in suffixes:
            b_ih = getattr(lstm, f"bias_ih_l{layer}{suffix}")
            b_hh = getattr(lstm, f"bias_hh_l{layer}{suffix}")
            with torch.no_grad():
                b_ih[f_rows] = value / 2
                b_hh[f_rows] = value / 2
    return lstm
