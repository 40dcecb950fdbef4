# expect: fail
# exercise: 1
# what: splits value evenly over the pair but with floor division, value // 2, so for value 1.0 both halves are 0.0 and the forget bias is 0 (for 3.0 it is 2.0) instead of value
# %% cell 575ead61
def set_forget_bias(lstm, value):
    """Set the forget gate's bias (b_if + b_hf) to value in every layer, in place."""
    H = lstm.hidden_size
    with torch.no_grad():
        for name, p in lstm.named_parameters():
            if name.startswith("bias_ih") or name.startswith("bias_hh"):
                p[H:2 * H] = value // 2        # half in each of the pair
