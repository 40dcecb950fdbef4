# expect: pass
# exercise: 1
# what: splits value evenly (value/2 into each bias of the pair), walks the pairs via getattr over layers and directions
# %% cell 575ead61
def set_forget_bias(lstm, value):
    """Set the forget gate's bias (b_if + b_hf) to value in every layer, in place."""
    H = lstm.hidden_size
    suffixes = [""] + (["_reverse"] if lstm.bidirectional else [])
    for layer in range(lstm.num_layers):
        for sfx in suffixes:
            b_ih = getattr(lstm, f"bias_ih_l{layer}{sfx}", None)
            b_hh = getattr(lstm, f"bias_hh_l{layer}{sfx}", None)
            if b_ih is None:
                continue
            with torch.no_grad():
                b_ih.data.view(4, H)[1].fill_(value / 2)
                b_hh.data.view(4, H)[1].fill_(value / 2)
    return lstm
