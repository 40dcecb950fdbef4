# expect: pass
# exercise: 1
# what: builds the windows with numpy's sliding_window_view and converts back to a torch tensor of the input's dtype
# %% cell f750aefb
import numpy as np
from numpy.lib.stride_tricks import sliding_window_view


def make_windows(x, tau):
    """Features (T - tau, tau) and labels (T - tau, 1) of a 1-D series x."""
    arr = x.detach().cpu().numpy()
    wins = sliding_window_view(arr, tau)[:-1]          # (T - tau, tau)
    features = torch.tensor(np.ascontiguousarray(wins), dtype=x.dtype)
    labels = torch.tensor(arr[tau:].copy(), dtype=x.dtype).view(-1, 1)
    return features, labels
