# expect: pass
# exercise: 1
# what: walks layers and directions by name with getattr, puts value into bias_hh's f rows and 0 into bias_ih's (the other member of the pair), via index_fill_ under no_grad
# %% cell 575ead61
def set_forget_bias(lstm, value):
    """Set the forget gate's bias (b_if + b_hf) to value in every layer, in place."""
    H = lstm.hidden_size
    rows = torch.arange(H, 2 * H)
    suffixes = [""] + (["_reverse"] if lstm.bidirectional else [])
    with torch.no_grad():
        for layer in range(lstm.num_layers):
            for suffix in suffixes:
                b_ih = getattr(lstm, f"bias_ih_l{layer}{suffix}")
                b_hh = getattr(lstm, f"bias_hh_l{layer}{suffix}")
                b_ih.index_fill_(0, rows.to(b_ih.device), 0.0)
                b_hh.index_fill_(0, rows.to(b_hh.device), float(value))
    return lstm
