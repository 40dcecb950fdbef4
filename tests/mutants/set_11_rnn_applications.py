"""Wrong solutions for solutions/11_rnn_applications.ipynb (reverse_padded, BiGRUPadded, a
passage classifier), each with the likely cause its check must name."""

import torch
from torch import nn
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence

from rnnlab import checks

# --- exercise 1: reverse_padded ---------------------------------------------------------------


def reverse_padded(X, lengths):
    out = X.clone()
    for b, n in enumerate(lengths.tolist()):
        out[b, :n] = X[b, :n].flip(0)
    return out


def flip_whole_row(X, lengths):
    return X.flip(1)


def off_by_one(X, lengths):
    out = X.clone()
    for b, n in enumerate(lengths.tolist()):
        start = max(n - 1, 0)
        out[b, :n] = X[b, start : start + n].flip(0) if start + n <= X.shape[1] else X[b, :n]
    return out


def in_place(X, lengths):
    for b, n in enumerate(lengths.tolist()):
        X[b, :n] = X[b, :n].flip(0).clone()
    return X


def zeroes_padding(X, lengths):
    out = torch.zeros_like(X)
    for b, n in enumerate(lengths.tolist()):
        out[b, :n] = X[b, :n].flip(0)
    return out


# --- exercise 2: BiGRUPadded ------------------------------------------------------------------


class BiGRUPadded(nn.Module):
    """The solution, with one switchable ``mistake``."""

    mistake = None

    def __init__(self, input_size, num_hiddens):
        super().__init__()
        self.forward_rnn = nn.GRU(input_size, num_hiddens, batch_first=True)
        self.backward_rnn = nn.GRU(input_size, num_hiddens, batch_first=True)

    def forward(self, X, lengths):
        rows, last, m = torch.arange(X.shape[0]), lengths - 1, self.mistake
        out_f, h_f = self.forward_rnn(X)
        reversed_X = X.flip(1) if m == "whole_flip" else reverse_padded(X, lengths)
        out_b, _ = self.backward_rnn(reversed_X)
        h_b = out_b[rows, last]
        if m == "whole_flip":
            out_b = out_b.flip(1)
        elif m != "not_reversed_back":
            out_b = reverse_padded(out_b, lengths)
        if m == "h_backward_last":
            h_b = out_b[rows, last]
        h_n = torch.stack([h_f[0] if m == "h_forward_over_pads" else out_f[rows, last], h_b])
        outputs = torch.cat([out_f, out_b], dim=-1)
        if m != "pads_not_zero":
            mask = torch.arange(X.shape[1])[None, :] < lengths[:, None]
            outputs = outputs * mask.unsqueeze(-1)
        return outputs, h_n


def bigru_with(mistake):
    return type(f"BiGRUPadded_{mistake}", (BiGRUPadded,), {"mistake": mistake})


class WrapsTorch(nn.Module):
    """nn.GRU(bidirectional=True) on the packed batch: right numbers, not the exercise."""

    def __init__(self, input_size, num_hiddens):
        super().__init__()
        self.forward_rnn = nn.GRU(input_size, num_hiddens, batch_first=True)
        self.backward_rnn = nn.GRU(input_size, num_hiddens, batch_first=True)
        self.both = nn.GRU(input_size, num_hiddens, batch_first=True, bidirectional=True)

    def forward(self, X, lengths):
        packed = pack_padded_sequence(X, lengths, batch_first=True, enforce_sorted=False)
        out, h_n = self.both(packed)
        return pad_packed_sequence(out, batch_first=True, total_length=X.shape[1])[0], h_n


class PacksTwoLayers(nn.Module):
    """Two one-directional GRUs, but the backward one fed a PackedSequence of reversed rows."""

    def __init__(self, input_size, num_hiddens):
        super().__init__()
        self.forward_rnn = nn.GRU(input_size, num_hiddens, batch_first=True)
        self.backward_rnn = nn.GRU(input_size, num_hiddens, batch_first=True)

    def forward(self, X, lengths):
        rows = torch.arange(X.shape[0])
        packed = pack_padded_sequence(X, lengths, batch_first=True, enforce_sorted=False)
        out_f, h_f = self.forward_rnn(packed)
        out_f = pad_packed_sequence(out_f, batch_first=True, total_length=X.shape[1])[0]
        out_b, _ = self.backward_rnn(reverse_padded(X, lengths))
        h_n = torch.stack([h_f[0], out_b[rows, lengths - 1]])
        mask = (torch.arange(X.shape[1])[None, :] < lengths[:, None]).unsqueeze(-1)
        return torch.cat([out_f, reverse_padded(out_b, lengths)], -1) * mask, h_n


# --- exercise 3: a passage classifier, on a tiny task where only the order tells -------------
# Three "corpora" over the tokens 2..4: class c repeats a pattern of the same three tokens in its
# own order, with some noise, so counting tokens (the bag baseline) is at chance and a model that
# reads bigrams is right.

PATTERNS = ([2, 3, 4], [2, 4, 3], [3, 2, 2, 4, 4, 3])
PAD, VOCAB_SIZE = 1, 6


def tiny_data():
    gen = torch.Generator().manual_seed(0)
    parts = []
    for pattern in PATTERNS:
        ids = torch.tensor((pattern * 1000)[:2400])
        noise = torch.rand(len(ids), generator=gen) < 0.05
        ids[noise] = torch.randint(2, 5, (int(noise.sum()),), generator=gen)
        parts.append(ids)
    return ([p[:1800] for p in parts], [p[1800:] for p in parts], PAD, VOCAB_SIZE)


class BigramOracle(nn.Module):
    """Counts each class's own bigrams (2->3; 2->4; 2->2 and 4->4) among real positions."""

    def __init__(self, respect_lengths=True):
        super().__init__()
        self.respect_lengths = respect_lengths
        self.scale = nn.Parameter(torch.ones(1))

    def forward(self, X, lengths):
        if self.respect_lengths:
            real = torch.arange(X.shape[1])[None, :] < lengths[:, None]
        else:
            real = torch.ones_like(X, dtype=torch.bool)
        a, b, ok = X[:, :-1], X[:, 1:], real[:, 1:]
        scores = [
            ((a == 2) & (b == 3) & ok).sum(1),
            ((a == 2) & (b == 4) & ok).sum(1),
            ((((a == 2) & (b == 2)) | ((a == 4) & (b == 4))) & ok).sum(1),
        ]
        scores = torch.stack(scores, dim=1).float() * self.scale
        if not self.respect_lengths:
            scores = scores + 0.01 * (X == PAD).sum(1, keepdim=True)  # the pads leak in
        return scores


class TokenCounts(nn.Module):
    """Scores from token counts only: the bag baseline itself, no order."""

    def __init__(self):
        super().__init__()
        self.weight = nn.Parameter(torch.randn(VOCAB_SIZE, 3, generator=torch.Generator().manual_seed(0)))

    def forward(self, X, lengths):
        real = (torch.arange(X.shape[1])[None, :] < lengths[:, None]).float()
        counts = torch.stack([((X == v).float() * real).sum(1) for v in range(VOCAB_SIZE)], 1)
        return (counts / lengths[:, None]) @ self.weight


class Constant(nn.Module):
    def __init__(self):
        super().__init__()
        self.bias = nn.Parameter(torch.tensor([1.0, 0.0, 0.0]))

    def forward(self, X, lengths):
        return self.bias.expand(X.shape[0], 3)


class OneDirection(nn.Module):
    """Embedding, BiGRUPadded, linear on the forward final state only (untrained)."""

    def __init__(self):
        super().__init__()
        torch.manual_seed(0)
        self.embedding = nn.Embedding(VOCAB_SIZE, 4)
        self.rnn = BiGRUPadded(4, 5)
        self.linear = nn.Linear(5, 3)

    def forward(self, X, lengths):
        _, h_n = self.rnn(self.embedding(X), lengths)
        return self.linear(h_n[0])


def timed(backward=True):
    def run():
        torch.manual_seed(0)
        padded_layer, packed_layer = BiGRUPadded(3, 4), nn.GRU(3, 4, batch_first=True, bidirectional=True)
        X, lengths = torch.randn(3, 5, 3), torch.tensor([5, 2, 4])
        with torch.set_grad_enabled(backward):
            outputs = padded_layer(X, lengths)[0]
            packed = pack_padded_sequence(X, lengths, batch_first=True, enforce_sorted=False)
            packed_out = pad_packed_sequence(packed_layer(packed)[0], batch_first=True)[0]
        if backward:
            outputs.sum().backward()
            packed_out.sum().backward()
        checks.applications.check_timed_layers(padded_layer, packed_layer)

    return run


# --- exercise 4: what each summary knows (the measurement's passages) --------------------------

LETTERS = [chr(c) for c in range(ord("a"), ord("z") + 1)]


class _TinyVocab:
    idx_to_token = ["<pad>", " ", *LETTERS]


class _TinyClassifier(nn.Module):
    def __init__(self):
        super().__init__()
        torch.manual_seed(0)
        self.embed = nn.Embedding(len(_TinyVocab.idx_to_token), 4)  # any attribute names
        self.bi = BiGRUPadded(4, 3)


def summary_measurement(mistake=None):
    """Exercise 4's measurement on a tiny classifier; ``mistake`` changes where or how."""

    def run():
        from rnnlab import classify
        from rnnlab.checks import classifier as summary_checks

        gen = torch.Generator().manual_seed(0)
        train_parts = [torch.randint(1, 28, (3000,), generator=gen) for _ in range(3)]
        test_parts = [torch.randint(1, 28, (800,), generator=gen) for _ in range(3)]
        net = _TinyClassifier()
        watch = summary_checks.watch_summaries(net, BiGRUPadded)
        parts = train_parts if mistake == "training_passages" else test_parts
        passages, _ = classify.sample_passages(parts, 40, 10, 30, gen)
        X, lengths = classify.pad_batch(passages, 0)
        rows, a, e = torch.arange(len(lengths)), 2, 6
        with torch.no_grad():
            net.bi(net.embed(X), lengths)
            for end in ("first", "last"):
                pos = torch.zeros_like(lengths) if end == "first" else lengths - 1
                if end == "last" and mistake == "padding_column":
                    pos = torch.full_like(lengths, X.shape[1] - 1)
                X2 = X.clone()
                if mistake == "letter_may_repeat":
                    X2[rows, pos] = torch.randint(2, 28, (len(rows),), generator=gen)
                else:
                    X2[rows, pos] = torch.where(X[rows, pos] == e, a, e)
                net.bi(net.embed(X2), lengths)
        summary_checks.check_first_last_change(watch, train_parts, test_parts, _TinyVocab())

    return run


def classify_check(net):
    return checks.check_passage_classifier(net, data=tiny_data(), min_len=12, max_len=30, num_per_class=60)


MUTANTS = {
    "reverse_flips_whole_row": (
        lambda: checks.check_reverse_padded(flip_whole_row),
        "the whole row was flipped",
    ),
    "reverse_off_by_one": (lambda: checks.check_reverse_padded(off_by_one), "row b"),
    "reverse_in_place": (lambda: checks.check_reverse_padded(in_place), "was modified"),
    "reverse_zeroes_padding": (lambda: checks.check_reverse_padded(zeroes_padding), "must keep their values"),
    "bigru_whole_flip": (
        lambda: checks.check_bidirectional_padded(bigru_with("whole_flip")),
        "began with the padding",
    ),
    "bigru_not_reversed_back": (
        lambda: checks.check_bidirectional_padded(bigru_with("not_reversed_back")),
        "not reversed back",
    ),
    "bigru_h_backward_last_output": (
        lambda: checks.check_bidirectional_padded(bigru_with("h_backward_last")),
        "the out[:, -1] mistake",
    ),
    "bigru_h_forward_over_pads": (
        lambda: checks.check_bidirectional_padded(bigru_with("h_forward_over_pads")),
        "pads included",
    ),
    "bigru_pads_not_zero": (
        lambda: checks.check_bidirectional_padded(bigru_with("pads_not_zero")),
        "mask of real positions",
    ),
    "bigru_wraps_bidirectional_gru": (lambda: checks.check_bidirectional_padded(WrapsTorch), "not to wrap"),
    "bigru_packs": (
        lambda: checks.check_bidirectional_padded(PacksTwoLayers),
        "without pack_padded_sequence",
    ),
    "classifier_depends_on_padding": (
        lambda: classify_check(BigramOracle(respect_lengths=False)),
        "the padding changes the result",
    ),
    "classifier_ignores_order": (lambda: classify_check(TokenCounts()), "well above chance"),
    "classifier_constant": (lambda: classify_check(Constant()), "well above chance"),
    "classifier_forward_state_only": (
        lambda: classify_check(OneDirection()),
        "ignore the backward direction",
    ),
    "timing_forward_only": (timed(backward=False), "a forward AND a backward pass"),
    "summary_training_passages": (summary_measurement("training_passages"), "held-out passages"),
    "summary_last_at_padding_column": (summary_measurement("padding_column"), "lengths - 1"),
    "summary_letter_may_repeat": (summary_measurement("letter_may_repeat"), "the other letters"),
}

CORRECT = {
    "reverse_padded": lambda: checks.check_reverse_padded(reverse_padded),
    "bigru_padded": lambda: checks.check_bidirectional_padded(BiGRUPadded),
    "classifier": lambda: classify_check(BigramOracle()),
    "timing": timed(),
    "summary_measurement": summary_measurement(),
}
