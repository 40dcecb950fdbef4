# expect: pass
# exercise: 1
# what: does the conversion in NumPy: float64 copies of torch's weights, transposed and the biases added there, then new torch tensors (torch.tensor copies) in the layer's dtype; nothing shares memory with the layer
# %% cell 8950fc95
import numpy as np


def to_d2l_params(rnn):
    """d2l's W_xh, W_hh, b_h (copies) for a one-layer nn.RNN."""
    dtype = rnn.weight_ih_l0.dtype
    params = {name: np.array(p.detach().cpu().numpy(), dtype=np.float64)  # np.array copies
              for name, p in rnn.named_parameters()}
    W_xh = params["weight_ih_l0"].T            # x W^T = x (W^T): d2l keeps W^T
    W_hh = params["weight_hh_l0"].T
    b_h = params["bias_ih_l0"] + params["bias_hh_l0"]   # both biases act at every step
    return {name: torch.tensor(np.ascontiguousarray(a), dtype=dtype)
            for name, a in (("W_xh", W_xh), ("W_hh", W_hh), ("b_h", b_h))}
