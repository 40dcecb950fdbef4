"""Wrong solutions of solutions/04_rnn_concise.ipynb: torch's layout against d2l's, a hidden-size
sweep judged on held-out text, early stopping."""

import copy
import functools

from mutant_helpers import CountLM
from torch import nn

import rnnlab
from rnnlab import checks as cc


# --- exercise 1: to_d2l_params ------------------------------------------------------------


def d2l(mistake=None):
    def to_d2l_params(rnn):
        w = {k: v.detach() for k, v in rnn.state_dict().items()}
        p = {
            "W_xh": w["weight_ih_l0"].T.clone(),
            "W_hh": w["weight_hh_l0"].T.clone(),
            "b_h": (w["bias_ih_l0"] + w["bias_hh_l0"]).clone(),
        }
        if mistake == "hh_not_transposed":
            p["W_hh"] = w["weight_hh_l0"].clone()
        elif mistake == "ih_not_transposed":
            p["W_xh"] = w["weight_ih_l0"].clone()
        elif mistake == "one_bias":
            p["b_h"] = w["bias_ih_l0"].clone()
        elif mistake == "bias_difference":
            p["b_h"] = w["bias_ih_l0"] - w["bias_hh_l0"]
        elif mistake == "views":
            p = {"W_xh": rnn.weight_ih_l0.T, "W_hh": rnn.weight_hh_l0.T, "b_h": p["b_h"]}
        elif mistake == "torch_names":
            p = {"weight_ih_l0": p["W_xh"], "weight_hh_l0": p["W_hh"], "b_h": p["b_h"]}
        return p

    return lambda: cc.check_d2l_params(to_d2l_params)


# --- exercises 2 and 3: stand-ins for trained models ----------------------------------------


class Trained(CountLM):
    """A count-based model that passes for a trained RNNLM: ``order=2`` uses its state (passes),
    ``order=1`` ignores it; ``.rnn`` is the nn.RNN the exercise asks for."""

    def __init__(self, corpus, vocab_size, num_hiddens, order=2):
        super().__init__(corpus, vocab_size, order=order)
        self.rnn = nn.RNN(vocab_size, num_hiddens)


@functools.lru_cache(maxsize=None)
def data():
    corpus, vocab = rnnlab.load_corpus("time_machine", "char", max_tokens=32000)
    train, val = corpus[:-2000], corpus[-2000:]
    return (
        rnnlab.SeqDataLoader(train, 32, 35),
        rnnlab.SeqDataLoader(val, 8, 35),
        vocab,
        rnnlab.SeqDataLoader(train[-2000:], 8, 35),
    )


SIZES = (16, 32)


def sweep(mistake=None):
    def run():
        train_iter, val_iter, vocab, leaky_val = data()
        V = len(vocab)
        models = {h: Trained(train_iter.corpus, V, h) for h in SIZES}
        if mistake == "untrained":
            rnnlab.seed(0)
            models = {h: rnnlab.RNNLM(nn.RNN(V, h), V) for h in SIZES}
        elif mistake == "ignores_state":
            models = {h: Trained(train_iter.corpus, V, h, order=1) for h in SIZES}
        elif mistake == "one_ignores_state":  # one size may train badly: the sweep shows it
            models[SIZES[-1]] = Trained(train_iter.corpus, V, SIZES[-1], order=1)
        elif mistake == "same_size":
            models = {h: Trained(train_iter.corpus, V, SIZES[0]) for h in SIZES}
        v_iter = leaky_val if mistake == "val_on_train" else val_iter
        heldout = {h: rnnlab.evaluate_perplexity(m, v_iter) for h, m in models.items()}
        if mistake == "numbers":
            models = dict(heldout)
        elif mistake == "reports_training":
            heldout = {h: rnnlab.evaluate_perplexity(m, leaky_val) * 0.7 for h, m in models.items()}
        elif mistake == "heldout_list":
            heldout = list(heldout.values())
        cc.check_hidden_sweep(models, heldout, train_iter, v_iter, vocab, SIZES)

    return run


def early(mistake=None):
    def run():
        train_iter, val_iter, vocab, leaky_val = data()
        V = len(vocab)
        net = Trained(train_iter.corpus, V, 16)
        if mistake == "untrained":
            rnnlab.seed(0)
            net = rnnlab.RNNLM(nn.RNN(V, 16), V)
        v_iter = leaky_val if mistake == "val_on_train" else val_iter
        best = rnnlab.evaluate_perplexity(net, v_iter)
        history = [best * 1.5, best, best * 1.2]
        if mistake == "returns_last":
            history = [best * 1.5, best * 0.6, best]
        elif mistake == "training_history":
            history = [best * 0.5, best * 0.4, best * 0.3]
        elif mistake == "one_number":
            history = best
        elif mistake == "numbers":
            net = best
        cc.check_early_stopping(net, history, train_iter, v_iter, vocab)

    return run


def procedure(mistake=None):
    """train_early_stopping itself, run by the check on its own controlled problem."""

    def train_early_stopping(net, train_iter, val_iter, num_epochs, optimizer):
        loss, history, best, best_ppl = nn.CrossEntropyLoss(), [], None, float("inf")
        for _ in range(rnnlab.cap_epochs(num_epochs)):
            if mistake == "before_epoch":
                history.append(rnnlab.evaluate_perplexity(net, val_iter))
            train_ppl, _ = rnnlab.train_epoch(net, train_iter, loss, optimizer, "cpu", False)
            if mistake == "train_ppl":
                history.append(train_ppl)
            elif mistake != "before_epoch":
                history.append(rnnlab.evaluate_perplexity(net, val_iter))
            if history[-1] < best_ppl:
                best_ppl = history[-1]
                best = net.state_dict() if mistake == "no_copy" else copy.deepcopy(net.state_dict())
            elif mistake == "stops_at_rise":
                break
        if mistake != "never_loads":
            net.load_state_dict(best)
        return net, history

    def run():
        train_iter, val_iter, vocab, _ = data()
        net = Trained(train_iter.corpus, len(vocab), 16)
        best = rnnlab.evaluate_perplexity(net, val_iter)
        cc.check_early_stopping(
            net, [best * 1.5, best, best * 1.2], train_iter, val_iter, vocab, train_early_stopping
        )

    return run


MUTANTS = {
    "d2l_hh_not_transposed": (d2l("hh_not_transposed"), "untransposed"),
    "d2l_ih_not_transposed": (d2l("ih_not_transposed"), "transposed: d2l multiplies X @ W_xh"),
    "d2l_one_bias": (d2l("one_bias"), "both are added"),
    "d2l_bias_difference": (d2l("bias_difference"), "b_h = bias_ih + bias_hh"),
    "d2l_views": (d2l("views"), "a view changes"),
    "d2l_torch_names": (d2l("torch_names"), "return {'W_xh'"),
    "sweep_numbers": (sweep("numbers"), "numbers instead of a model"),
    "sweep_same_size": (sweep("same_size"), "its own hidden size"),
    "sweep_val_on_train": (sweep("val_on_train"), "built on (part of) the training text"),
    "sweep_reports_training": (sweep("reports_training"), "VALIDATION iterator"),
    "sweep_heldout_list": (sweep("heldout_list"), "heldout[num_hiddens]"),
    "sweep_untrained": (sweep("untrained"), "untrained"),
    "sweep_ignores_state": (sweep("ignores_state"), "does not carry information"),
    "early_returns_last": (early("returns_last"), "LAST epoch"),
    "early_training_history": (early("training_history"), "val_history must hold"),
    "early_one_number": (early("one_number"), "one per epoch"),
    "early_numbers": (early("numbers"), "numbers instead of a model"),
    "early_val_on_train": (early("val_on_train"), "built on (part of) the training text"),
    "early_untrained": (early("untrained"), "untrained"),
    "procedure_no_copy": (procedure("no_copy"), "state_dict() alone returns the live tensors"),
    "procedure_never_loads": (procedure("never_loads"), "save a COPY of the weights"),
    "procedure_before_epoch": (procedure("before_epoch"), "measured BEFORE each epoch"),
    "procedure_train_ppl": (procedure("train_ppl"), "not the training one"),
    "procedure_stops_at_rise": (procedure("stops_at_rise"), "train for every one of num_epochs"),
}

CORRECT = {
    "d2l": d2l(),
    "sweep": sweep(),
    "sweep_one_weak": sweep("one_ignores_state"),
    "early": early(),
    "procedure": procedure(),
}
