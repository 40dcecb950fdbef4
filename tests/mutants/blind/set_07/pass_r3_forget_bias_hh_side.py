# expect: pass
# exercise: 1
# what: puts value into bias_hh and 0 into bias_ih (the other way round from the hint), edits p.data directly without torch.no_grad, selects the pairs by splitting the parameter names
# %% cell 575ead61
def set_forget_bias(lstm, value):
    """Set the forget gate's bias (b_if + b_hf) to value in every layer, in place."""
    H = lstm.hidden_size
    params = dict(lstm.named_parameters())
    for name, p in params.items():
        kind = name.split("_")[0:2]
        if kind == ["bias", "hh"]:
            p.data[H:2 * H] = value
        elif kind == ["bias", "ih"]:
            p.data[H:2 * H] = 0
