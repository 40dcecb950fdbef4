# expect: fail
# exercise: 1
# what: adds value to the existing forget biases (b_if += value) instead of making b_if + b_hf equal to value, so the random initial biases stay in the sum
# %% cell 575ead61
def set_forget_bias(lstm, value):
    """Set the forget gate's bias (b_if + b_hf) to value in every layer, in place."""
    H = lstm.hidden_size
    with torch.no_grad():
        for name, p in lstm.named_parameters():
            if name.startswith("bias_ih"):
                # shift the forget gate's bias up by value
                p[H:2 * H] += value
