"""Wrong solutions of solutions/10_rnn_practice.ipynb: a masked loss, length buckets, a packed
line model and its training judged on held-out lines."""

import functools
import time

import torch
from torch import nn
from torch.nn import functional as F
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence, pad_sequence

import rnnlab
from rnnlab import checks


# --- exercise 1: masked_loss --------------------------------------------------------------


def loss(mistake=None):
    def masked_loss(logits, targets, lengths):
        per = F.cross_entropy(logits.transpose(1, 2), targets, reduction="none")
        t = torch.arange(targets.shape[1])[None, :]
        mask = (t <= lengths[:, None]) if mistake == "off_by_one" else (t < lengths[:, None])
        if mistake == "plain_mean":
            return per.mean()
        if mistake == "sequence_means":
            return ((per * mask).sum(1) / mask.sum(1)).mean()
        if mistake == "sum":
            return (per * mask).sum()
        if mistake == "all_positions":
            return (per * mask).sum() / per.numel()
        if mistake == "item":
            return float((per * mask).sum() / mask.sum())
        if mistake == "detached":
            return ((per * mask).sum() / mask.sum()).detach()
        if mistake == "pad_index_zero":  # assumes padded targets are 0
            return F.cross_entropy(logits.transpose(1, 2), targets, ignore_index=0)
        return (per * mask).sum() / mask.sum()

    return lambda: checks.check_masked_loss(masked_loss)


# --- exercise 2: bucket_batches -----------------------------------------------------------


def buckets(mistake=None):
    def bucket_batches(lengths, batch_size, generator):
        order = sorted(range(len(lengths)), key=lambda i: lengths[i])
        if mistake == "random":
            order = torch.randperm(len(lengths), generator=generator).tolist()
        batches = [order[i : i + batch_size] for i in range(0, len(order), batch_size)]
        if mistake == "drop_last" and len(lengths) % batch_size:
            batches = batches[:-1]
        elif mistake == "too_large":
            batches = [order[i : i + 2 * batch_size] for i in range(0, len(order), 2 * batch_size)]
        elif mistake == "lengths_not_indices":
            batches = [[lengths[i] for i in b] for b in batches]
        if mistake != "not_shuffled":
            batches = [batches[i] for i in torch.randperm(len(batches), generator=generator)]
        return batches

    return lambda: checks.check_buckets(bucket_batches)


# --- exercise 3: PackedLineLM -------------------------------------------------------------


class Line(nn.Module):
    def __init__(self, vocab_size, num_hiddens, mistake=None):
        super().__init__()
        self.vocab_size, self.mistake = vocab_size, mistake
        self.rnn = nn.GRU(vocab_size, num_hiddens, batch_first=True)
        self.linear = nn.Linear(num_hiddens, vocab_size)

    def forward(self, X, lengths):
        m = self.mistake
        inputs = F.one_hot(X, self.vocab_size).float()
        if m == "no_packing":
            out, state = self.rnn(inputs)
            return self.linear(out), state
        packed = pack_padded_sequence(inputs, lengths, batch_first=True, enforce_sorted=m == "enforce_sorted")
        out, state = self.rnn(packed)
        total = None if m == "no_total_length" else X.shape[1]
        out, _ = pad_packed_sequence(out, batch_first=True, total_length=total)
        if m == "sorted_order_outputs":
            out = out[packed.sorted_indices]
        if m == "state_2d":
            state = state[0]
        return self.linear(out), state


def packed(mistake=None):
    return lambda: checks.check_packed_lm(lambda v, h: Line(v, h, mistake))


# --- exercise 4: the trained line model -----------------------------------------------------


class CountLine(nn.Module):
    """A count-based line model with the PackedLineLM interface (no training needed):
    ``order=2`` uses the previous character (passes for a trained model), ``order=1`` does not."""

    def __init__(self, vocab, order=2):
        super().__init__()
        lines = [l for l in rnnlab.read_time_machine() if len(l) > 1]
        V = len(vocab)
        tri = torch.full((V + 1, V, V), 0.1)
        for line in lines:
            c = torch.tensor(vocab[list(line)])
            prev = torch.cat([torch.tensor([V]), c[:-2]])
            tri.index_put_((prev, c[:-1], c[1:]), torch.ones(len(c) - 1), accumulate=True)
        self.log_p = (tri / tri.sum(-1, keepdim=True)).log()
        bi = tri.sum(0)  # counts of (current, next) over every previous character
        self.log_bi = (bi / bi.sum(-1, keepdim=True)).log()
        self.order, self.V = order, V
        self.scale = nn.Parameter(torch.ones(()))

    def forward(self, X, lengths):
        prev = torch.cat([torch.full((X.shape[0], 1), self.V), X[:, :-1]], dim=1)
        if self.order == 1:  # a bigram model: the current character only
            return self.scale * self.log_bi[X], None
        return self.scale * self.log_p[prev, X], None


@functools.lru_cache(maxsize=None)
def line_vocab():
    lines = [l for l in rnnlab.read_time_machine() if l]
    return rnnlab.Vocab(rnnlab.tokenize(lines, "char"), reserved_tokens=["<pad>"])


def trained(mistake=None):
    def run():
        vocab = line_vocab()
        net = CountLine(vocab)
        if mistake == "untrained":
            torch.manual_seed(0)
            net = Line(len(vocab), 8)
        elif mistake == "ignores_context":
            net = CountLine(vocab, order=1)
        elif mistake == "numbers":
            net = [3.1, 2.7]
        checks.check_line_model(net, vocab)

    return run


# --- exercise 4: the training loop -------------------------------------------------------------


def training(mistake=None):
    def masked(logits, targets, lengths):
        per = F.cross_entropy(logits.transpose(1, 2), targets, reduction="none")
        mask = torch.arange(targets.shape[1])[None, :] < lengths[:, None]
        return (per * mask).sum() / mask.sum()

    def train_lines(net, seqs, batch_size, num_epochs, optimizer, make_batches):
        generator, lengths_all, speeds = torch.Generator().manual_seed(0), [len(s) - 1 for s in seqs], []
        for _epoch in range(rnnlab.cap_epochs(num_epochs)):
            start, tokens = time.perf_counter(), 0
            batches = make_batches(lengths_all, batch_size, generator)
            if mistake == "fixed_order":
                batches = [
                    list(range(i, min(i + batch_size, len(seqs)))) for i in range(0, len(seqs), batch_size)
                ]
            for batch in batches:
                first, last = (1, None) if mistake == "inputs_shifted" else (0, -1)
                X = pad_sequence([seqs[i][first:last] for i in batch], batch_first=True, padding_value=1)
                Y = (
                    X
                    if mistake == "targets_are_inputs"
                    else pad_sequence([seqs[i][1:] for i in batch], batch_first=True)
                )
                lengths = torch.tensor([lengths_all[i] for i in batch])
                logits, _ = net(X, lengths)
                loss = masked(logits, Y, lengths)
                if mistake != "no_zero_grad":
                    optimizer.zero_grad()
                loss.backward()
                if mistake != "no_clipping":
                    rnnlab.grad_clipping(net, 1)
                optimizer.step()
                tokens += X.numel() if mistake == "counts_padding" else int(lengths.sum())
            speeds.append(tokens / (time.perf_counter() - start))
        return speeds

    return lambda: checks.check_train_lines(train_lines)


MUTANTS = {
    "loss_plain_mean": (loss("plain_mean"), "padded positions are counted"),
    "loss_off_by_one": (loss("off_by_one"), "off by one"),
    "loss_sequence_means": (loss("sequence_means"), "mean of per-sequence means"),
    "loss_sum": (loss("sum"), "a sum, not a mean"),
    "loss_all_positions": (loss("all_positions"), "divided by all B * T positions"),
    "loss_item": (loss("item"), "no .item()"),
    "loss_detached": (loss("detached"), "without .detach()"),
    "loss_pad_index_zero": (loss("pad_index_zero"), "times the mask"),
    "buckets_random": (buckets("random"), "mix long and short sequences"),
    "buckets_not_shuffled": (buckets("not_shuffled"), "shuffle the ORDER of the batches"),
    "buckets_drop_last": (buckets("drop_last"), "keep the last, smaller batch"),
    "buckets_too_large": (buckets("too_large"), "cut the sorted indices every batch_size"),
    "buckets_lengths_not_indices": (buckets("lengths_not_indices"), "do not return lengths"),
    "packed_no_packing": (packed("no_packing"), "ran over the padding"),
    "packed_enforce_sorted": (packed("enforce_sorted"), "enforce_sorted=False"),
    "packed_no_total_length": (packed("no_total_length"), "total_length"),
    "packed_sorted_order_outputs": (packed("sorted_order_outputs"), "must not mix"),
    "packed_state_2d": (packed("state_2d"), "h_n of the recurrent layer"),
    "train_fixed_order": (training("fixed_order"), "other lines than the batch make_batches returned"),
    "train_inputs_shifted": (training("inputs_shifted"), "the inputs are s[1:]"),
    "train_targets_are_inputs": (training("targets_are_inputs"), "the targets are the inputs themselves"),
    "train_no_zero_grad": (training("no_zero_grad"), "never zeroed"),
    "train_no_clipping": (training("no_clipping"), "not clipped"),
    "train_counts_padding": (training("counts_padding"), "not the padded cells"),
    "line_untrained": (trained("untrained"), "untrained"),
    "line_ignores_context": (trained("ignores_context"), "does not carry information"),
    "line_numbers": (trained("numbers"), "numbers instead of a model"),
}

CORRECT = {
    "loss": loss(),
    "buckets": buckets(),
    "packed": packed(),
    "training": training(),
    "trained": trained(),
}
