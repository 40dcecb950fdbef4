"""Wrong solutions for solutions/12_seq2seq.ipynb (decoder inputs and the teacher-forced loss,
beam search, additive attention and an attention decoder), each with the likely cause its check
must name. Written from the exercise text, as a learner might get it wrong; CORRECT holds
right solutions, including alternatives written differently from the solution notebook."""

import math

import torch
from torch import nn
from torch.nn import functional as F

from rnnlab import checks

# --- exercise 1: decoder inputs and the teacher-forced loss ----------------------------------


def decoder_inputs(Y, bos):
    return torch.cat([torch.full_like(Y[:, :1], bos), Y[:, :-1]], dim=1)


def decoder_inputs_roll(Y, bos):  # correct, another way
    out = Y.roll(1, dims=1).clone()
    out[:, 0] = bos
    return out


def unshifted(Y, bos):
    return Y.clone()


def bos_appended(Y, bos):
    return torch.cat([Y[:, 1:], torch.full_like(Y[:, :1], bos)], dim=1)


def shifted_in_place(Y, bos):
    Y[:, 1:] = Y[:, :-1].clone()
    Y[:, 0] = bos
    return Y


def no_bos(Y, bos):
    return torch.cat([torch.zeros_like(Y[:, :1]), Y[:, :-1]], dim=1)


def loss_with(shift=True, mask="tokens", detach=False):
    def seq2seq_loss(net, X, X_len, Y, Y_len, bos):
        logits = net(X, X_len, decoder_inputs(Y, bos) if shift else Y)
        per_token = F.cross_entropy(logits.transpose(1, 2), Y, reduction="none")
        real = torch.arange(Y.shape[1])[None, :] < Y_len[:, None]
        if mask == "none":
            loss = per_token.mean()
        elif mask == "sequences":
            loss = ((per_token * real).sum(1) / real.sum(1)).mean()
        elif mask == "ignore_pad0":
            loss = F.cross_entropy(logits.transpose(1, 2), Y, ignore_index=0)
        else:
            loss = (per_token * real).sum() / real.sum()
        return loss.detach() if detach else loss

    return seq2seq_loss


def loss_by_loop(net, X, X_len, Y, Y_len, bos):  # correct, written as a loop over sequences
    logits = net(X, X_len, decoder_inputs_roll(Y, bos))
    total, count = 0.0, 0
    for b, n in enumerate(Y_len.tolist()):
        total = total + F.cross_entropy(logits[b, :n], Y[b, :n], reduction="sum")
        count += n
    return total / count


# --- exercise 2: beam search -----------------------------------------------------------------


def beam_search(step, state, bos, eos, beam_size, max_len, mistake=None):
    tokens = [[]]
    totals = torch.zeros(1, dtype=torch.float64)
    last = torch.tensor([bos])
    finished = []
    for t in range(max_len):
        log_probs, state = step(last, state)
        V = log_probs.shape[1]
        if mistake == "no_running_total":
            candidates = log_probs.double().reshape(-1)
        else:
            candidates = (totals[:, None] + log_probs.double()).reshape(-1)
        width = min(beam_size, len(candidates))
        if mistake == "width_not_capped":
            width = beam_size
        top, index = candidates.topk(width)
        rows, next_tokens = (index // V).tolist(), (index % V).tolist()
        live_tokens, live_rows, live_totals = [], [], []
        for score, row, token in zip(top.tolist(), rows, next_tokens):
            if token == eos and mistake != "eos_ignored":
                ids = tokens[row] + ([eos] if mistake == "eos_kept" else [])
                finished.append((score, ids))
            elif t == max_len - 1 and mistake != "drops_cut_hypotheses":
                finished.append((score, tokens[row] + [token]))
            elif t < max_len - 1:
                live_tokens.append(tokens[row] + [token])
                live_rows.append(row)
                live_totals.append(score)
        if not live_tokens:
            break
        tokens, totals = live_tokens, torch.tensor(live_totals, dtype=torch.float64)
        if mistake == "state_not_reordered":  # rows kept in place, not following their hypotheses
            state = (
                state[: len(live_rows)] if len(live_rows) <= len(state) else state[torch.tensor(live_rows)]
            )
        else:
            state = state[torch.tensor(live_rows)]
        last = torch.tensor([ids[-1] for ids in tokens])
    if mistake == "first_finished":
        return finished[0][1], finished[0][0]
    if not finished:
        return [], -math.inf
    score, ids = max(finished)
    return ids, score


def beam_with(mistake):
    def run(step, state, bos, eos, beam_size, max_len):
        return beam_search(step, state, bos, eos, beam_size, max_len, mistake)

    return run


def beam_length_normalised(step, state, bos, eos, beam_size, max_len):
    ids, score = beam_search(step, state, bos, eos, beam_size, max_len)
    return ids, score / (len(ids) + 1)


def beam_per_hypothesis(step, state, bos, eos, beam_size, max_len):
    """Correct, another way: hypotheses as a list of (score, ids, state), one step call each."""
    live, finished = [(0.0, [], state)], []
    for t in range(max_len):
        expanded = []
        for score, ids, s in live:
            log_probs, s2 = step(torch.tensor([ids[-1] if ids else bos]), s)
            for token, lp in enumerate(log_probs[0].tolist()):
                expanded.append((score + lp, ids + [token], s2))
        expanded.sort(key=lambda h: h[0], reverse=True)
        live = []
        for score, ids, s in expanded[:beam_size]:
            if ids[-1] == eos:
                finished.append((score, ids[:-1]))
            elif t == max_len - 1:
                finished.append((score, ids))
            else:
                live.append((score, ids, s))
        if not live:
            break
    score, ids = max(finished, key=lambda h: h[0])
    return ids, score


# --- exercise 3: additive attention and a decoder that uses it -------------------------------


class AdditiveAttention(nn.Module):
    mistake = None

    def __init__(self, key_size, query_size, num_hiddens):
        super().__init__()
        self.W_k = nn.Linear(key_size, num_hiddens, bias=False)
        self.W_q = nn.Linear(query_size, num_hiddens, bias=False)
        self.w_v = nn.Linear(num_hiddens, 1, bias=False)

    def forward(self, queries, keys, values, valid_lens):
        m = self.mistake
        features = self.W_q(queries)[:, :, None] + self.W_k(keys)[:, None]
        scores = self.w_v(features if m == "no_tanh" else torch.tanh(features)).squeeze(-1)
        mask = torch.arange(keys.shape[1])[None, None, :] < valid_lens[:, None, None]
        if m == "mask_off_by_one":
            mask = torch.arange(keys.shape[1])[None, None, :] <= valid_lens[:, None, None]
        if m == "mask_after_softmax":
            scores = scores.softmax(-1) * mask
        elif m != "no_mask":
            scores = scores.masked_fill(~mask, float("-inf"))
        if m == "softmax_over_queries":
            weights = torch.softmax(scores.masked_fill(~mask, -1e9), dim=1)
        elif m == "mask_after_softmax":
            weights = scores
        else:
            weights = torch.softmax(scores, dim=-1)
        return weights @ values, weights


def attention_with(mistake):
    return type(f"AdditiveAttention_{mistake}", (AdditiveAttention,), {"mistake": mistake})


class AttentionDecoder(nn.Module):
    mistake = None

    def __init__(self, vocab_size, embed_size, num_hiddens):
        super().__init__()
        self.embedding = nn.Embedding(vocab_size, embed_size)
        self.attention = AdditiveAttention(num_hiddens, num_hiddens, num_hiddens)
        self.cell = nn.GRUCell(embed_size + num_hiddens, num_hiddens)
        self.dense = nn.Linear(2 * num_hiddens, vocab_size)

    def step(self, tokens, state, memory):
        outputs, X_len, context = memory
        m = self.mistake
        lengths = torch.full_like(X_len, outputs.shape[1]) if m == "no_lengths" else X_len
        query = context if m == "context_as_query" else state
        if m == "last_output_only":
            c, w = (
                outputs[torch.arange(len(X_len)), X_len - 1],
                F.one_hot(X_len - 1, outputs.shape[1]).float(),
            )
        else:
            c, w = self.attention(query[:, None], outputs, outputs, lengths)
            c, w = c[:, 0], w[:, 0]
        state = self.cell(torch.cat([self.embedding(tokens), c], dim=-1), state)
        return self.dense(torch.cat([state, c], dim=-1)), state, w


def decoder_with(mistake):
    return type(f"AttentionDecoder_{mistake}", (AttentionDecoder,), {"mistake": mistake})


# --- exercise 3: the length curve (which models are trained and evaluated) -------------------


class _Plain(nn.Module):
    def __init__(self):
        super().__init__()
        self.w = nn.Linear(2, 2)


class _Attending(_Plain):
    pass


class _TinySeq2Seq(nn.Module):
    def __init__(self, decoder):
        super().__init__()
        self.decoder = decoder


def length_curve(mistake=None):
    """The measurement with stand-ins for the notebook's helpers; ``mistake`` breaks it."""

    def run():
        def train_seq2seq(net, num_epochs, seed=0):
            exact_match(net, "valid")  # what the notebook's loop does inside: not the measurement's
            return net

        def exact_match(net, split):
            return torch.ones(5, dtype=torch.bool)

        train_seq2seq, exact_match, log = checks.watch_length_curve(train_seq2seq, exact_match)
        for decoder_class in (_Plain, _Attending):
            net = None
            for seed in (0, 1, 2):
                torch.manual_seed(seed)
                if net is None or mistake != "reuse_one_net":
                    net = _TinySeq2Seq(decoder_class())
                train_seq2seq(net, 1, seed=seed)
                exact_match(net, "valid" if mistake == "on_valid" else "test")
        checks.check_length_curve(log, _Plain, _Attending)

    return run


MUTANTS = {
    "inputs_unshifted": (lambda: checks.check_decoder_inputs(unshifted), "the token it must predict"),
    "inputs_bos_at_the_end": (lambda: checks.check_decoder_inputs(bos_appended), "start with bos"),
    "inputs_in_place": (lambda: checks.check_decoder_inputs(shifted_in_place), "was modified"),
    "inputs_zero_not_bos": (lambda: checks.check_decoder_inputs(no_bos), "start with bos"),
    "loss_unshifted": (lambda: checks.check_seq2seq_loss(loss_with(shift=False)), "shifted"),
    "loss_pads_counted": (lambda: checks.check_seq2seq_loss(loss_with(mask="none")), "padded positions"),
    "loss_mean_of_means": (lambda: checks.check_seq2seq_loss(loss_with(mask="sequences")), "per-sequence"),
    "loss_ignore_index_0": (lambda: checks.check_seq2seq_loss(loss_with(mask="ignore_pad0")), "ignore_index"),
    "loss_detached": (lambda: checks.check_seq2seq_loss(loss_with(detach=True)), "no .detach()"),
    "beam_no_running_total": (
        lambda: checks.check_beam_search(beam_with("no_running_total")),
        "sum of log P",
    ),
    "beam_eos_kept": (lambda: checks.check_beam_search(beam_with("eos_kept")), "leave <eos> out"),
    "beam_eos_ignored": (lambda: checks.check_beam_search(beam_with("eos_ignored")), "stop a hypothesis"),
    "beam_first_finished": (lambda: checks.check_beam_search(beam_with("first_finished")), "keep the best"),
    "beam_drops_cut": (lambda: checks.check_beam_search(beam_with("drops_cut_hypotheses")), "cut at max_len"),
    "beam_width_not_capped": (lambda: checks.check_beam_search(beam_with("width_not_capped")), "running"),
    "beam_length_normalised": (lambda: checks.check_beam_search(beam_length_normalised), "sum of log P"),
    "attention_no_tanh": (lambda: checks.check_additive_attention(attention_with("no_tanh")), "tanh"),
    "attention_no_mask": (lambda: checks.check_additive_attention(attention_with("no_mask")), "-inf"),
    "attention_mask_off_by_one": (
        lambda: checks.check_additive_attention(attention_with("mask_off_by_one")),
        "-inf",
    ),
    "attention_softmax_over_queries": (
        lambda: checks.check_additive_attention(attention_with("softmax_over_queries")),
        "last axis",
    ),
    "attention_mask_after_softmax": (
        lambda: checks.check_additive_attention(attention_with("mask_after_softmax")),
        "last axis",
    ),
    "decoder_no_lengths": (
        lambda: checks.check_attention_decoder(decoder_with("no_lengths")),
        "source lengths",
    ),
    "decoder_context_as_query": (
        lambda: checks.check_attention_decoder(decoder_with("context_as_query")),
        "previous state as the query",
    ),
    "decoder_last_output_only": (
        lambda: checks.check_attention_decoder(decoder_with("last_output_only")),
        "ALL encoder outputs",
    ),
    "curve_on_valid": (length_curve("on_valid"), "not held-out text"),
    "curve_reuse_one_net": (length_curve("reuse_one_net"), "trained longer"),
}

CORRECT = {
    "decoder_inputs": lambda: checks.check_decoder_inputs(decoder_inputs),
    "decoder_inputs_roll": lambda: checks.check_decoder_inputs(decoder_inputs_roll),
    "seq2seq_loss": lambda: checks.check_seq2seq_loss(loss_with()),
    "seq2seq_loss_loop": lambda: checks.check_seq2seq_loss(loss_by_loop),
    "beam_search": lambda: checks.check_beam_search(beam_search),
    "beam_search_per_hypothesis": lambda: checks.check_beam_search(beam_per_hypothesis),
    "additive_attention": lambda: checks.check_additive_attention(AdditiveAttention),
    "attention_decoder": lambda: checks.check_attention_decoder(AttentionDecoder),
    "length_curve": length_curve(),
}
