"""Checks of the applications exercises (chapter 11): padded batches without packing, a
bidirectional layer that respects each sequence's length, and a passage classifier judged on
held-out passages against a bag-of-characters baseline the check trains itself."""

import torch
from torch import nn
from torch.nn.utils.rnn import PackedSequence, pack_padded_sequence, pad_packed_sequence

from . import recorder
from .core import call, close, describe, fail, first_cause, fresh_generator, passed

# frr bidirectional_padded_11 (fresh inputs, 1,000 runs, 2026-12-07): 0 rejected; slack log10(TOL /
# max diff) mean 2.34 decades, sd 0.18, min 1.75 (one run with a zero difference left out): 12.8 sd.
TOL = 1e-5


# --- reversing padded sequences --------------------------------------------------------------


def _reference_reverse(X, lengths):
    out = X.clone()
    for b, n in enumerate(lengths.tolist()):
        out[b, :n] = X[b, :n].flip(0)
    return out


# frr reverse_padded_11: 0 of 3,000 runs rejected (fresh inputs, 2026-12-07): rate < 9.98e-04 (95 %)
def check_reverse_padded(reverse_padded):
    """``reverse_padded(X, lengths)``: each row's first lengths[b] entries reversed, the rest kept."""
    gen = fresh_generator()
    cases = [
        (torch.randint(0, 50, (4, 7), generator=gen), "token ids (4, 7)"),
        (torch.randn(5, 9, 3, generator=gen), "vectors (5, 9, 3)"),
        (torch.randint(0, 50, (1, 6), generator=gen), "one sequence (1, 6)"),
    ]
    for X, what in cases:
        T = X.shape[1]
        lengths = torch.randint(1, T + 1, (X.shape[0],), generator=gen)
        lengths[0] = T  # one full-length row
        if len(lengths) > 2:
            lengths[-1] = 1  # and one of length 1
        original = X.clone()
        got = call(reverse_padded, X, lengths)
        if not torch.equal(X, original):
            fail(
                f"reverse_padded on {what}: X after the call",
                "X unchanged",
                "X was modified",
                "work on a copy (X.clone()) or build a new tensor; do not write into X",
            )
        want = _reference_reverse(X, lengths)
        if not isinstance(got, torch.Tensor) or got.shape != X.shape:
            fail(
                f"reverse_padded on {what}",
                f"a tensor of shape {tuple(X.shape)}",
                describe(got),
                "return a tensor shaped like X",
            )
        if torch.equal(got, want):
            continue
        real = torch.arange(T)[None, :] < lengths[:, None]
        if got.dim() > 2:
            real = real.unsqueeze(-1).expand_as(X)
        if T > 1 and torch.equal(got, X.flip(1)):
            cause = (
                "the whole row was flipped, padding included, so the padding came first: "
                "reverse only the first lengths[b] entries of row b"
            )
        elif not torch.equal(got[~real], X[~real]):
            cause = "positions from lengths[b] on (the padding) must keep their values"
        elif any(
            torch.equal(got[b, :n], X[b, max(n - 1, 0) : max(n - 1, 0) + n].flip(0))
            for b, n in enumerate(lengths.tolist())
            if n < T
        ):
            cause = "off by one: row b's reversed part is X[b, lengths[b]-1], ..., X[b, 0]"
        else:
            cause = "row b must read X[b, lengths[b]-1], X[b, lengths[b]-2], ..., X[b, 0]"
        b = int((got != want).reshape(len(X), -1).any(1).nonzero()[0])
        fail(
            f"reverse_padded on {what} with lengths {lengths.tolist()}, row {b}",
            f"X[b, {int(lengths[b]) - 1}], ..., X[b, 0], then the padding unchanged",
            got[b].tolist() if got.dim() == 2 else "other vectors",
            cause,
        )
    passed(
        "reverse_padded: reverses each row within its length, keeps the padding, leaves X "
        "unchanged (ids and vectors, lengths 1 to the full width)"
    )


# --- a bidirectional GRU on padded batches, without packing ----------------------------------


def _forbid_packing_and_wrapping(layer):
    """Hooks that fail on a packed input or a ready-made bidirectional layer inside ``layer``."""
    for name, module in layer.named_modules():
        if isinstance(module, nn.RNNBase) and module.bidirectional:
            fail(
                f"the submodule {name or 'itself'} of {type(layer).__name__}",
                "two one-directional nn.GRU layers (forward_rnn, backward_rnn)",
                f"{type(module).__name__}(bidirectional=True)",
                "the exercise is to build the backward direction yourself, not to wrap "
                "torch's bidirectional layer",
            )
    seen = []

    def hook(module, args):
        if args and isinstance(args[0], PackedSequence):
            seen.append(type(module).__name__)

    handles = [m.register_forward_pre_hook(hook) for m in layer.modules() if isinstance(m, nn.RNNBase)]
    return seen, handles


def check_bidirectional_padded(layer_class):
    """``layer_class(input_size, num_hiddens)`` with ``forward_rnn`` and ``backward_rnn``
    (one-directional ``nn.GRU``, batch first): ``forward(X, lengths)`` on a padded batch returns
    outputs (batch, max_len, 2 * num_hiddens), zero at padded positions, and h_n
    (2, batch, num_hiddens), like ``nn.GRU(bidirectional=True)`` on the packed batch."""
    gen = fresh_generator()
    for batch_size, T, d, h in ((4, 6, 3, 5), (3, 9, 2, 4), (1, 4, 3, 2)):
        layer, ref = _layer_and_twin(layer_class, gen, d, h)
        X = torch.randn(batch_size, T, d, generator=gen)  # the padding is random junk
        lengths = torch.randint(1, T + 1, (batch_size,), generator=gen)
        lengths[0] = T
        if batch_size > 2:
            lengths[1] = 1
        got = _run_unpacked(layer, ref, layer_class, X, lengths)
        with torch.no_grad():
            packed = pack_padded_sequence(X, lengths, batch_first=True, enforce_sorted=False)
            out_p, h_want = ref(packed)
            out_want, _ = pad_packed_sequence(out_p, batch_first=True, total_length=T)
        if not (isinstance(got, tuple) and len(got) == 2):
            fail("what forward returns", "(outputs, h_n)", describe(got), "return outputs, h_n")
        out, h_n = got
        what = f"{layer_class.__name__} on a batch of lengths {lengths.tolist()}"
        if out.shape != out_want.shape or h_n.shape != h_want.shape:
            fail(
                f"{what}: shapes of (outputs, h_n)",
                describe((out_want, h_want)),
                describe((out, h_n)),
                "outputs (batch, max_len, 2 * num_hiddens), forward half first; "
                "h_n (2, batch, num_hiddens), index 0 forward, 1 backward",
            )
        probe = _PaddedProbe(layer, X, lengths, out, h_n, out_want, h_want)
        with torch.no_grad():
            for wrong, part, expected, got_text, causes in _PADDED_PARTS:
                if wrong(probe):
                    fail(f"{what}: {part}", expected, got_text, first_cause(causes, probe))
    passed(
        f"{layer_class.__name__}: outputs and h_n equal nn.GRU(bidirectional=True) on the "
        "packed batch, for 3 batches with random padding (lengths 1 to full), "
        "without packing or a ready-made bidirectional layer"
    )


def _layer_and_twin(layer_class, gen, d, h):
    """The learner's layer and an nn.GRU(bidirectional=True) with the same weights."""
    with torch.random.fork_rng():  # the learner's global random stream stays untouched
        torch.manual_seed(int(torch.randint(0, 10_000, (1,), generator=gen)))
        layer = call(layer_class, d, h, what=f"{layer_class.__name__}({d}, {h})")
        ref = nn.GRU(d, h, batch_first=True, bidirectional=True)
    for attr in ("forward_rnn", "backward_rnn"):
        if not isinstance(getattr(layer, attr, None), nn.GRU):
            fail(
                f"{layer_class.__name__}.{attr}",
                "an nn.GRU(input_size, num_hiddens, batch_first=True)",
                describe(getattr(layer, attr, None)),
                "create both directions in __init__ as one-directional nn.GRU layers",
            )
    return layer, ref


def _run_unpacked(layer, ref, layer_class, X, lengths):
    """``layer(X, lengths)`` with the twin's weights, failing if a bidirectional layer is inside
    or a PackedSequence is used."""
    seen, handles = _forbid_packing_and_wrapping(layer)
    with torch.no_grad():
        for suffix, target in (("", layer.forward_rnn), ("_reverse", layer.backward_rnn)):
            for name in ("weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0"):
                getattr(target, name).copy_(getattr(ref, name + suffix))
    try:
        with torch.no_grad():
            got = call(layer, X, lengths, what=f"{layer_class.__name__}.forward(X, lengths)")
    finally:
        for handle in handles:
            handle.remove()
    if seen:
        fail(
            f"{layer_class.__name__} on a padded batch",
            "no PackedSequence anywhere",
            f"a PackedSequence went into {seen[0]}",
            "the exercise is to do without "
            "pack_padded_sequence: reverse each sequence within its length instead",
        )
    return got


class _PaddedProbe:
    """The learner's results against the twin's, and the known mistakes recomputed on the same
    batch, each only when the table below reaches it."""

    def __init__(self, layer, X, lengths, out, h_n, out_want, h_want):
        self.layer, self.X, self.lengths = layer, X, lengths
        self.out, self.h_n, self.out_want, self.h_want = out, h_n, out_want, h_want
        h = h_want.shape[-1]
        self.real = (torch.arange(X.shape[1])[None, :] < lengths[:, None]).unsqueeze(-1)
        self.fw, self.bw = slice(0, h), slice(h, 2 * h)

    def forward_wrong(self):
        return not close(self.out[..., self.fw] * self.real, self.out_want[..., self.fw], TOL)

    def backward_wrong(self):
        return not close(self.out[..., self.bw] * self.real, self.out_want[..., self.bw], TOL)

    def _backward_is(self, outputs):
        return close(outputs * self.real, self.out[..., self.bw] * self.real, TOL)

    def backward_read_whole_flip(self):
        return self._backward_is(self.layer.backward_rnn(self.X.flip(1))[0].flip(1))

    def backward_not_reversed_back(self):
        return self._backward_is(self.layer.backward_rnn(_reference_reverse(self.X, self.lengths))[0])

    def pads_not_zero(self):
        return float((self.out * ~self.real).abs().max()) > 0

    def h_forward_wrong(self):
        return not close(self.h_n[0], self.h_want[0], TOL)

    def h_forward_after_pads(self):
        return close(self.h_n[0], self.layer.forward_rnn(self.X)[1][0], TOL)

    def h_backward_wrong(self):
        return not close(self.h_n[1], self.h_want[1], TOL)

    def h_backward_at_last_position(self):
        last = self.out_want[torch.arange(len(self.lengths)), self.lengths - 1][:, self.bw]
        return close(self.h_n[1], last, TOL)


def _always(probe):
    return True


# (condition: this part is wrong, the part, expected, got, its likely causes as (condition, cause)
# pairs tried in order), in the order the parts are judged
_PADDED_PARTS = [
    (
        _PaddedProbe.forward_wrong,
        "forward half of the outputs at real positions",
        "nn.GRU(bidirectional=True)'s forward outputs",
        "other values",
        [(_always, "the forward half is forward_rnn's outputs on X as it is")],
    ),
    (
        _PaddedProbe.backward_wrong,
        "backward half of the outputs at real positions",
        "nn.GRU(bidirectional=True)'s backward outputs",
        "other values",
        [
            (
                _PaddedProbe.backward_read_whole_flip,
                "the backward direction read the whole row flipped, so it began with "
                "the padding: reverse each sequence within its length "
                "(reverse_padded), run backward_rnn, reverse its outputs back the "
                "same way",
            ),
            (
                _PaddedProbe.backward_not_reversed_back,
                "the backward outputs were not reversed back: reverse them within "
                "each length again, so that row t belongs to position t",
            ),
            (
                _always,
                "the backward half at position t is backward_rnn's output after reading "
                "x_{lengths[b]}, ..., x_t",
            ),
        ],
    ),
    (
        _PaddedProbe.pads_not_zero,
        "outputs at padded positions",
        "zeros (as pad_packed_sequence gives)",
        "non-zero values",
        [(_always, "multiply the outputs by the mask of real positions")],
    ),
    (
        _PaddedProbe.h_forward_wrong,
        "h_n[0], the forward final state",
        "the forward state after x_{lengths[b]}",
        "other values",
        [
            (
                _PaddedProbe.h_forward_after_pads,
                "h_n[0] is forward_rnn's state after the whole padded row, pads "
                "included: take the forward output at position lengths[b] - 1",
            ),
            (
                _always,
                "the forward final state is the forward output at each sequence's last "
                "real position, lengths[b] - 1",
            ),
        ],
    ),
    (
        _PaddedProbe.h_backward_wrong,
        "h_n[1], the backward final state",
        "the backward state after reading x_T ... x_1",
        "other values",
        [
            (
                _PaddedProbe.h_backward_at_last_position,
                "h_n[1] is the backward output at the last position, where the "
                "backward direction has read one token (the out[:, -1] mistake): "
                "take it at position 0",
            ),
            (
                _always,
                "h_n[1] must be the backward output at position 0, after the backward "
                "direction has read the whole sequence",
            ),
        ],
    ),
]


# frr timed_layers_11: 0 of 3,000 runs rejected (fresh inputs, 2026-12-07): rate < 9.98e-04 (95 %)
def check_timed_layers(padded_layer, packed_layer):
    """The two layers timed after exercise 2: ``padded_layer`` (a BiGRUPadded) and
    ``packed_layer`` (``nn.GRU(bidirectional=True)``), each timed on the same padded batch for a
    forward AND a backward pass.

    Properties every correct solution has: both layers read inputs of the same width; a backward
    pass has gone through each of them, so that every parameter of both holds a gradient (a
    timing of the forward pass alone, or under ``torch.no_grad``, leaves none); packed_layer read
    a PackedSequence (seen by the recorder while it ran)."""
    for name, layer, kind in (
        ("padded_layer", padded_layer, "your BiGRUPadded"),
        ("packed_layer", packed_layer, "nn.GRU(..., batch_first=True, bidirectional=True)"),
    ):
        if not isinstance(layer, nn.Module):
            fail(name, kind, describe(layer), "keep the two layers you timed under these names")
        missing = [
            n for n, p in layer.named_parameters() if p.grad is None or not bool(p.grad.abs().sum() > 0)
        ]
        if missing:
            fail(
                f"the gradients of {name} after the timing",
                "a gradient in every parameter (a backward pass went through the layer)",
                f"none in {len(missing)} of {len(list(layer.parameters()))} parameters ({missing[0]}, ...)",
                "time a forward AND a backward pass: outputs.sum().backward() inside the timed "
                "function, not under torch.no_grad",
            )
    if recorder.installed() and not recorder.PACKED.get(packed_layer):
        fail(
            "what packed_layer was timed on (seen while it ran)",
            "a PackedSequence: the timing compares packing with the padded layer",
            "padded tensors only: packed_layer never read a PackedSequence",
            "pack the batch inside the timed function: nn.utils.rnn.pack_padded_sequence(X, "
            "lengths.cpu(), batch_first=True, enforce_sorted=False), then packed_layer(packed)",
        )
    directions = [m for m in padded_layer.modules() if isinstance(m, nn.GRU)]
    if not (isinstance(packed_layer, nn.GRU) and packed_layer.bidirectional and len(directions) == 2):
        fail(
            "the two timed layers",
            "padded_layer with two one-directional nn.GRU, packed_layer an nn.GRU(bidirectional=True)",
            f"{type(padded_layer).__name__} and {type(packed_layer).__name__}",
            "time your BiGRUPadded against torch's bidirectional layer on the packed batch",
        )
    if directions[0].input_size != packed_layer.input_size:
        fail(
            "the input widths of the two timed layers",
            "equal (the same padded batch goes into both)",
            f"{directions[0].input_size} and {packed_layer.input_size}",
            "feed both layers the same padded batch",
        )
    passed(
        "timing: both layers received a forward and a backward pass (every parameter holds a "
        "gradient), on inputs of the same width"
    )
