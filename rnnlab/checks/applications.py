"""Checks of the applications exercises (chapter 11): padded batches without packing, a
bidirectional layer that respects each sequence's length, and a passage classifier judged on
held-out passages against a bag-of-characters baseline the check trains itself."""

import torch
from torch import nn
from torch.nn import functional as F
from torch.nn.utils.rnn import PackedSequence, pack_padded_sequence, pad_packed_sequence

from .core import call, describe, fail, fresh_generator, passed

TOL = 1e-5


# --- reversing padded sequences --------------------------------------------------------------


def _reference_reverse(X, lengths):
    out = X.clone()
    for b, n in enumerate(lengths.tolist()):
        out[b, :n] = X[b, :n].flip(0)
    return out


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
        seen, handles = _forbid_packing_and_wrapping(layer)
        with torch.no_grad():
            for suffix, target in (("", layer.forward_rnn), ("_reverse", layer.backward_rnn)):
                for name in ("weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0"):
                    getattr(target, name).copy_(getattr(ref, name + suffix))
        X = torch.randn(batch_size, T, d, generator=gen)  # the padding is random junk
        lengths = torch.randint(1, T + 1, (batch_size,), generator=gen)
        lengths[0] = T
        if batch_size > 2:
            lengths[1] = 1
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
        real = (torch.arange(T)[None, :] < lengths[:, None]).unsqueeze(-1)
        fw, bw = slice(0, h), slice(h, 2 * h)

        def close(a, b):
            return float((a - b).abs().max()) <= TOL

        if not close(out[..., fw] * real, out_want[..., fw]):
            fail(
                f"{what}: forward half of the outputs at real positions",
                "nn.GRU(bidirectional=True)'s forward outputs",
                "other values",
                "the forward half is forward_rnn's outputs on X as it is",
            )
        if not close(out[..., bw] * real, out_want[..., bw]):
            with torch.no_grad():
                whole_flip = layer.backward_rnn(X.flip(1))[0].flip(1)
                not_back = layer.backward_rnn(_reference_reverse(X, lengths))[0]
            cause = (
                "the backward half at position t is backward_rnn's output after reading "
                "x_{lengths[b]}, ..., x_t"
            )
            if close(whole_flip * real, out[..., bw] * real):
                cause = (
                    "the backward direction read the whole row flipped, so it began with "
                    "the padding: reverse each sequence within its length "
                    "(reverse_padded), run backward_rnn, reverse its outputs back the "
                    "same way"
                )
            elif close(not_back * real, out[..., bw] * real):
                cause = (
                    "the backward outputs were not reversed back: reverse them within "
                    "each length again, so that row t belongs to position t"
                )
            fail(
                f"{what}: backward half of the outputs at real positions",
                "nn.GRU(bidirectional=True)'s backward outputs",
                "other values",
                cause,
            )
        if float((out * ~real).abs().max()) > 0:
            fail(
                f"{what}: outputs at padded positions",
                "zeros (as pad_packed_sequence gives)",
                "non-zero values",
                "multiply the outputs by the mask of real positions",
            )
        if not close(h_n[0], h_want[0]):
            with torch.no_grad():
                after_pads = layer.forward_rnn(X)[1][0]
            cause = (
                "the forward final state is the forward output at each sequence's last "
                "real position, lengths[b] - 1"
            )
            if close(h_n[0], after_pads):
                cause = (
                    "h_n[0] is forward_rnn's state after the whole padded row, pads "
                    "included: take the forward output at position lengths[b] - 1"
                )
            fail(
                f"{what}: h_n[0], the forward final state",
                "the forward state after x_{lengths[b]}",
                "other values",
                cause,
            )
        if not close(h_n[1], h_want[1]):
            last = out_want[torch.arange(batch_size), lengths - 1][:, bw]
            cause = (
                "h_n[1] must be the backward output at position 0, after the backward "
                "direction has read the whole sequence"
            )
            if close(h_n[1], last):
                cause = (
                    "h_n[1] is the backward output at the last position, where the "
                    "backward direction has read one token (the out[:, -1] mistake): "
                    "take it at position 0"
                )
            fail(
                f"{what}: h_n[1], the backward final state",
                "the backward state after reading x_T ... x_1",
                "other values",
                cause,
            )
    passed(
        f"{layer_class.__name__}: outputs and h_n equal nn.GRU(bidirectional=True) on the "
        "packed batch, for 3 batches with random padding (lengths 1 to full), "
        "without packing or a ready-made bidirectional layer"
    )


# --- a passage classifier ---------------------------------------------------------------------


class _Bag(nn.Module):
    def __init__(self, vocab_size, num_classes, embed_size=32):
        super().__init__()
        self.embedding = nn.Embedding(vocab_size, embed_size)
        self.linear = nn.Linear(embed_size, num_classes)

    def forward(self, X, lengths):
        mask = (torch.arange(X.shape[1])[None, :] < lengths[:, None]).unsqueeze(-1).float()
        return self.linear((self.embedding(X) * mask).sum(1) / mask.sum(1))


def _bag_baseline(train_parts, pad, vocab_size, min_len, max_len, seed):
    from ..classify import passage_batches, sample_passages

    torch.manual_seed(seed)
    bag = _Bag(vocab_size, len(train_parts))
    optimizer = torch.optim.Adam(bag.parameters(), 0.01)
    gen = torch.Generator().manual_seed(seed)
    for _ in range(15):
        passages, labels = sample_passages(train_parts, 300, min_len, max_len, gen)
        for X, lengths, y in passage_batches(passages, labels, 64, pad, gen):
            loss = F.cross_entropy(bag(X, lengths), y)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
    return bag


def _directions(net):
    """The forward and backward nn.GRU of the BiGRUPadded inside ``net`` (or None)."""
    for module in net.modules():
        fwd, bwd = getattr(module, "forward_rnn", None), getattr(module, "backward_rnn", None)
        if isinstance(fwd, nn.GRU) and isinstance(bwd, nn.GRU):
            return fwd, bwd
    return None


def _check_uses_both_directions(net, X, lengths, device, gen):
    """The scores change when either direction's results are nudged (a hook adds noise to the
    outputs and the final state of that GRU): the classifier reads both final states."""
    found = _directions(net)
    if found is None:
        fail(
            "the modules inside the classifier",
            "your BiGRUPadded (with forward_rnn and backward_rnn)",
            ", ".join(sorted({type(m).__name__ for m in net.modules()}))[:200],
            "build the classifier from an embedding, your BiGRUPadded and a linear layer",
        )
    with torch.no_grad():
        base = net(X.to(device), lengths)
        for name, gru in zip(("forward", "backward"), found):

            def nudge(module, args, out):
                return tuple(o + 0.5 * torch.randn(o.shape, generator=gen).to(o.device) for o in out)

            handle = gru.register_forward_hook(nudge)
            try:
                moved = float((net(X.to(device), lengths) - base).abs().max())
            finally:
                handle.remove()
            if not moved > 1e-4:
                fail(
                    f"the scores when the results of the {name} direction are nudged",
                    "different scores (the linear layer reads both final states)",
                    f"max change {moved:.1e}",
                    f"the scores ignore the {name} direction: feed the linear layer "
                    "torch.cat([h_n[0], h_n[1]], dim=-1), both final states",
                )


LEAK_MARGIN = 0.015  # see check_passage_classifier


def check_passage_classifier(net, data=None, min_len=20, max_len=100, num_per_class=2000, margin=0.03):
    """``net(X, lengths)`` -> class scores (batch, num_classes) on padded batches of passages.

    The check draws its own passages (``rnnlab.classify.passage_task`` unless ``data`` =
    (train_parts, test_parts, pad, vocab_size) is given). Properties every correct solution
    has: the scores of a passage do not depend on the padding of its batch; they depend on both
    directions of the BiGRUPadded inside; held-out accuracy is above chance and at least
    ``margin`` above a bag-of-characters baseline the check trains on the training parts; and,
    trained on the training parts only, the model is not more accurate on held-out passages
    than on passages of its training parts (by more than LEAK_MARGIN: held-out text is, if
    anything, harder for a model that never saw it).
    """
    from ..classify import accuracy, pad_batch, passage_task, sample_passages

    if data is None:
        train_parts, test_parts, vocab = passage_task()
        data = (train_parts, test_parts, vocab["<pad>"], len(vocab))
    train_parts, test_parts, pad, vocab_size = data
    num_classes = len(test_parts)
    gen = fresh_generator()
    seed = int(torch.randint(0, 100_000, (1,), generator=gen))
    passages, labels = sample_passages(test_parts, num_per_class, min_len, max_len, gen)
    device = next(net.parameters()).device
    net.eval()
    few = passages[:3] + [torch.randint(2, vocab_size, (max_len + 40,), generator=gen)]
    X, lengths = pad_batch(few, pad)
    with torch.no_grad():
        out = net(X.to(device), lengths)
        if not isinstance(out, torch.Tensor) or out.shape != (len(few), num_classes):
            fail(
                "net(X, lengths) on a padded batch of 4 passages",
                f"scores of shape (4, {num_classes})",
                describe(out),
                "return one row of class scores per passage",
            )
        alone = torch.cat([net(p[None].to(device), torch.tensor([len(p)])) for p in few[:3]])
    d = float((out[:3].detach().cpu() - alone.detach().cpu()).abs().max())
    if d > 1e-4:
        fail(
            "the scores of 3 passages alone and padded into a batch with a longer one",
            "equal (at most 1e-4 apart)",
            f"max abs difference {d:.2e}",
            "the padding changes the result: pack the batch (pack_padded_sequence with the "
            "lengths) or take each passage's states at its own last position",
        )
    _check_uses_both_directions(net, X, lengths, device, gen)
    acc = accuracy(net, passages, labels, pad)
    seen, seen_labels = sample_passages(train_parts, num_per_class, min_len, max_len, gen)
    acc_seen = accuracy(net, seen, seen_labels, pad)
    with torch.random.fork_rng():  # the learner's global random stream stays untouched
        bag = _bag_baseline(train_parts, pad, vocab_size, min_len, max_len, seed)
    base = accuracy(bag, passages, labels, pad)
    chance = 1 / num_classes
    where = f"{len(passages)} held-out passages the check drew"
    if acc <= chance + margin:
        fail(
            f"accuracy on {where}",
            f"well above chance ({chance:.1%})",
            f"{acc:.1%}",
            "train longer, or check that the labels and the scores line up",
        )
    if acc > acc_seen + LEAK_MARGIN:
        fail(
            f"accuracy on {where}, against {len(seen)} passages of the training parts",
            "on held-out passages no better than on the training parts (by more than "
            f"{LEAK_MARGIN:.1%}): a model that never saw the held-out text knows it less well",
            f"held-out {acc:.1%}, training parts {acc_seen:.1%}",
            "the model has seen the held-out text: draw the training passages from "
            "train_parts only, never from test_parts",
        )
    if acc < base + margin:
        fail(
            f"accuracy on {where}",
            f"at least {margin:.0%} above a bag-of-characters baseline ({base:.1%})",
            f"{acc:.1%}",
            "the model does not use the order of the characters (or needs "
            "more training): a recurrent layer over the packed batch should beat the "
            "baseline",
        )
    passed(
        f"the classifier's scores do not depend on padding and use both directions; held-out "
        f"accuracy {acc:.1%} on {len(passages)} fresh passages (training parts {acc_seen:.1%}), "
        f"chance {chance:.1%}, bag-of-characters baseline {base:.1%}"
    )
