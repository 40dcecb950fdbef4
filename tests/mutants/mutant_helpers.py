"""Shared pieces of the mutation tests (not a test module): a scratch recurrent layer with
switchable mistakes, and tiny count-based language models that need no training."""

import torch
from torch import nn


class Scratch(nn.Module):
    """A multi-layer, optionally bidirectional tanh RNN (``kind='rnn'``) or GRU (``kind='gru'``)
    written from scratch with torch.nn's parameter names and layout, and one optional ``mistake``:

    ignore_state, no_carry, not_chained, no_flip_back, no_reverse, transposed_hh, transposed_ih,
    return_initial_state, wraps_torch (holds an nn twin and calls it), calls_fused (builds an nn
    twin inside forward), gate_order (GRU: z and r swapped), d2l_reset (GRU: r before the matmul),
    swap_update (GRU: z and 1 - z swapped), state_order (directions swapped in the state).
    """

    def __init__(self, num_inputs, num_hiddens, num_layers=1, bidirectional=False, kind="rnn", mistake=None):
        super().__init__()
        self.hidden_size, self.num_layers, self.bidirectional = num_hiddens, num_layers, bidirectional
        self.input_size, self.kind, self.mistake = num_inputs, kind, mistake
        d, g = (2 if bidirectional else 1), (3 if kind == "gru" else 1)
        if mistake == "wraps_torch":
            layer = nn.GRU if kind == "gru" else nn.RNN
            self.inner = layer(num_inputs, num_hiddens, num_layers, bidirectional=bidirectional)
            return
        for l in range(num_layers):
            for sfx in [""] + (["_reverse"] if bidirectional else []):
                n_in = num_inputs if l == 0 else d * num_hiddens
                shape_ih = (n_in, g * num_hiddens) if mistake == "transposed_ih" else (g * num_hiddens, n_in)
                self.register_parameter(f"weight_ih_l{l}{sfx}", nn.Parameter(torch.zeros(shape_ih)))
                self.register_parameter(
                    f"weight_hh_l{l}{sfx}", nn.Parameter(torch.zeros(g * num_hiddens, num_hiddens))
                )
                self.register_parameter(f"bias_ih_l{l}{sfx}", nn.Parameter(torch.zeros(g * num_hiddens)))
                self.register_parameter(f"bias_hh_l{l}{sfx}", nn.Parameter(torch.zeros(g * num_hiddens)))

    def begin_state(self, batch_size, device="cpu"):
        d = 2 if self.bidirectional else 1
        return torch.zeros(self.num_layers * d, batch_size, self.hidden_size, device=device)

    def _step(self, x, H, W_ih, W_hh, b_ih, b_hh):
        if self.kind == "rnn":
            return torch.tanh(x @ W_ih.T + b_ih + H @ W_hh.T + b_hh)
        h = self.hidden_size
        gi, gh = x @ W_ih.T + b_ih, H @ W_hh.T + b_hh
        r_i, z_i = (1, 0) if self.mistake == "gate_order" else (0, 1)
        R = torch.sigmoid(gi[:, r_i * h : (r_i + 1) * h] + gh[:, r_i * h : (r_i + 1) * h])
        Z = torch.sigmoid(gi[:, z_i * h : (z_i + 1) * h] + gh[:, z_i * h : (z_i + 1) * h])
        if self.mistake == "d2l_reset":
            N = torch.tanh(gi[:, 2 * h :] + (R * H) @ W_hh[2 * h :].T + b_hh[2 * h :])
        else:
            N = torch.tanh(gi[:, 2 * h :] + R * gh[:, 2 * h :])
        return Z * N + (1 - Z) * H if self.mistake == "swap_update" else (1 - Z) * N + Z * H

    def _direction(self, inputs, H, name):
        W_ih, W_hh, b_ih, b_hh = (
            getattr(self, f"{p}_{name}") for p in ("weight_ih", "weight_hh", "bias_ih", "bias_hh")
        )
        if self.mistake == "transposed_hh":
            W_hh = W_hh.T
        outputs, H0 = [], H
        for x in inputs:
            H = self._step(x, H0 if self.mistake == "no_carry" else H, W_ih, W_hh, b_ih, b_hh)
            outputs.append(H)
        return torch.stack(outputs), H

    def forward(self, inputs, state):
        if self.mistake == "wraps_torch":
            return self.inner(inputs, state)
        if self.mistake == "calls_fused":
            twin = (nn.GRU if self.kind == "gru" else nn.RNN)(
                self.input_size, self.hidden_size, self.num_layers, bidirectional=self.bidirectional
            )
            twin.load_state_dict(self.state_dict())
            return twin(inputs, state)
        if self.mistake == "ignore_state":
            state = torch.zeros_like(state)
        d, new_state, layer_in = (2 if self.bidirectional else 1), [], inputs
        for l in range(self.num_layers):
            src = inputs if self.mistake == "not_chained" else layer_in
            out, H = self._direction(src, state[d * l], f"l{l}")
            new_state.append(H)
            if self.bidirectional:
                rev = src if self.mistake == "no_reverse" else torch.flip(src, [0])
                out_b, H_b = self._direction(rev, state[d * l + 1], f"l{l}_reverse")
                keep = self.mistake in ("no_flip_back", "no_reverse")
                out = torch.cat([out, out_b if keep else torch.flip(out_b, [0])], -1)
                if self.mistake == "state_order":
                    new_state.insert(len(new_state) - 1, H_b)
                else:
                    new_state.append(H_b)
            layer_in = out
        if self.mistake == "return_initial_state":
            return layer_in, state
        return layer_in, torch.stack(new_state)


def scratch(*args, **kwargs):
    return Scratch(*args, **kwargs)


# --- tiny count-based language models over a small corpus -----------------------------------


def tiny_corpus(n=3000):
    """Token ids of the first n characters of The Time Machine and the vocabulary size."""
    import rnnlab

    corpus, vocab = rnnlab.load_corpus("time_machine", "char", max_tokens=n)
    return list(corpus), len(vocab)


class CountLM(nn.Module):
    """A language model from counts: ``order=1`` predicts from the current token only (it ignores
    its state: a bigram model), ``order=2`` also from the previous token, which it carries in its
    state (a trigram model). Interface of rnnlab.RNNLM; no training needed."""

    def __init__(self, corpus, vocab_size, order=2, carry_state=True):
        super().__init__()
        V, c = vocab_size, torch.as_tensor(corpus)
        tri = torch.full((V + 1, V, V), 0.1)  # (previous or V for none, current, next), smoothed
        tri.index_put_((c[:-2], c[1:-1], c[2:]), torch.ones(len(c) - 2), accumulate=True)
        tri.index_put_((torch.full((len(c) - 1,), V), c[:-1], c[1:]), torch.ones(len(c) - 1), accumulate=True)
        self.log_p = nn.Parameter(torch.log(tri / tri.sum(-1, keepdim=True)), requires_grad=False)
        self.vocab_size, self.order, self.carry_state = V, order, carry_state
        self.scale = nn.Parameter(torch.ones(()))

    def begin_state(self, batch_size=1, device="cpu"):
        return torch.full((1, batch_size, 1), float(self.vocab_size), device=device)

    def forward(self, X, state):
        prev = state[0, :, 0].long()
        logits = []
        for x in X.T.long():  # time-major
            use = prev if self.order == 2 else torch.full_like(prev, self.vocab_size)
            logits.append(self.scale * self.log_p[use, x])
            prev = x if self.carry_state else prev
        return torch.cat(logits), prev.float().reshape(1, -1, 1)
