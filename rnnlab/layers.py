"""The scratch GRU and LSTM layers of chapters 6 and 7, for the chapters that reuse them.

Chapter 6 writes ``gru_step`` and ``GRUScratch``, chapter 7 ``lstm_step`` and ``LSTMScratch``;
this module holds the same code (tests/test_taught_code.py compares it with the chapters'
cells, read from the notebooks). Both layers have their torch.nn twin's constructor, parameter
names and shapes, take ``inputs`` of shape ``(num_steps, batch_size, input_size)`` and a state
laid out like ``nn.GRU``'s / ``nn.LSTM``'s, and return ``(outputs, state)``.
"""

import math

import torch
from torch import nn


def uniform_parameter(shape, hidden_size):
    """A parameter of ``shape`` drawn from U(-1/sqrt(hidden_size), 1/sqrt(hidden_size))."""
    # PyTorch's default for recurrent layers: U(-1/sqrt(H), 1/sqrt(H)) for weights and
    # biases alike
    bound = 1 / math.sqrt(hidden_size)
    return nn.Parameter(torch.empty(shape).uniform_(-bound, bound))


def gru_step(XW_t, H, W_hh_T, b_hh):
    """One GRU step in nn.GRU's form (reset gate after W_hn); returns ``(H, r, z)``."""
    # One step of the GRU. XW_t = x_t W_ih^T + b_ih, (batch_size, 3 * num_hiddens), rows
    # r|z|n;
    # H: (batch_size, num_hiddens). Returns the new state and the two gates.
    nh = H.shape[1]
    xrz, xn = XW_t.split([2 * nh, nh], dim=1)
    # h_{t-1} W_hh^T + b_hh
    hrz, hn = torch.addmm(b_hh, H, W_hh_T).split([2 * nh, nh], dim=1)
    r, z = torch.sigmoid(xrz + hrz).chunk(2, dim=1)  # reset and update gates
    n = torch.tanh(xn + r * hn)  # candidate state
    H = torch.lerp(n, H, z)  # (1 - z) * n + z * H
    return H, r, z


class GRUScratch(nn.Module):
    """One GRU layer, interchangeable with ``nn.GRU(input_size, hidden_size)`` (chapter 6)."""

    # One GRU layer with nn.GRU's interface and parameter layout (gate order r, z, n).
    def __init__(self, input_size, hidden_size):
        super().__init__()
        self.input_size, self.hidden_size = input_size, hidden_size
        self.num_layers, self.bidirectional = 1, False
        G = 3 * hidden_size
        # [W_ir; W_iz; W_in]
        self.weight_ih_l0 = uniform_parameter((G, input_size), hidden_size)
        # [W_hr; W_hz; W_hn]
        self.weight_hh_l0 = uniform_parameter((G, hidden_size), hidden_size)
        self.bias_ih_l0 = uniform_parameter((G,), hidden_size)  # [b_ir; b_iz; b_in]
        self.bias_hh_l0 = uniform_parameter((G,), hidden_size)  # [b_hr; b_hz; b_hn]

    def begin_state(self, batch_size, device):
        # (1, batch_size, num_hiddens)
        return torch.zeros(1, batch_size, self.hidden_size, device=device)

    def forward(self, inputs, state=None):
        # inputs: (num_steps, batch_size, num_inputs); state: (1, batch_size,
        # num_hiddens)
        if state is None:
            state = self.begin_state(inputs.shape[1], inputs.device)
        H = state[0]
        # (num_steps, batch_size, 3 * num_hiddens)
        XW = inputs @ self.weight_ih_l0.T + self.bias_ih_l0
        W_hh_T = self.weight_hh_l0.T
        outputs = []
        for XW_t in XW.unbind(0):
            H, _, _ = gru_step(XW_t, H, W_hh_T, self.bias_hh_l0)
            outputs.append(H)
        # (num_steps, batch_size, num_hiddens), (1, batch_size, num_hiddens)
        return torch.stack(outputs), H.unsqueeze(0)


def lstm_step(XW_t, H, C, W_hh_T):
    """One LSTM step, gates i, f, g, o; returns ``(H, C, (i, f, g, o))``."""
    # One LSTM step. XW_t = x_t W_ih^T + b_ih + b_hh: (batch_size, 4 * num_hiddens),
    # rows i|f|g|o;
    # H, C: (batch_size, num_hiddens). Returns the new H, C and the gates.
    i, f, g, o = torch.addmm(XW_t, H, W_hh_T).chunk(4, dim=1)
    # input, forget, output gates
    i, f, o = torch.sigmoid(i), torch.sigmoid(f), torch.sigmoid(o)
    g = torch.tanh(g)  # candidate cell
    C = f * C + i * g  # memory cell
    H = o * torch.tanh(C)  # hidden state
    return H, C, (i, f, g, o)


class LSTMScratch(nn.Module):
    """One LSTM layer, interchangeable with ``nn.LSTM(input_size, hidden_size)`` (chapter 7)."""

    # One LSTM layer with nn.LSTM's interface and parameter layout (gate order i, f, g,
    # o).
    def __init__(self, input_size, hidden_size):
        super().__init__()
        self.input_size, self.hidden_size = input_size, hidden_size
        self.num_layers, self.bidirectional = 1, False
        G = 4 * hidden_size
        # [W_ii; W_if; W_ig; W_io]
        self.weight_ih_l0 = uniform_parameter((G, input_size), hidden_size)
        # [W_hi; W_hf; W_hg; W_ho]
        self.weight_hh_l0 = uniform_parameter((G, hidden_size), hidden_size)
        self.bias_ih_l0 = uniform_parameter((G,), hidden_size)
        self.bias_hh_l0 = uniform_parameter((G,), hidden_size)

    def begin_state(self, batch_size, device):
        # A tuple (H, C), each (1, batch_size, num_hiddens), as nn.LSTM expects
        shape = (1, batch_size, self.hidden_size)
        return torch.zeros(shape, device=device), torch.zeros(shape, device=device)

    def forward(self, inputs, state=None):
        # inputs: (num_steps, batch_size, num_inputs); state: (H, C)
        if state is None:
            state = self.begin_state(inputs.shape[1], inputs.device)
        H, C = state[0][0], state[1][0]
        # (num_steps, batch_size, 4 * num_hiddens)
        XW = inputs @ self.weight_ih_l0.T + (self.bias_ih_l0 + self.bias_hh_l0)
        W_hh_T = self.weight_hh_l0.T
        outputs = []
        for XW_t in XW.unbind(0):
            H, C, _ = lstm_step(XW_t, H, C, W_hh_T)
            outputs.append(H)
        return torch.stack(outputs), (H.unsqueeze(0), C.unsqueeze(0))
