"""Wrong solutions of solutions/03_rnn_scratch.ipynb: the two-layer scratch RNN, a trained model,
sampling probabilities, learned embeddings, the gradient norm."""

import math

import torch
from mutant_helpers import CountLM, scratch, tiny_corpus
from torch import nn

import rnnlab
from rnnlab import checks


def twin(mistake=None, num_layers=2, num_inputs=5):
    return lambda: checks.check_twin(
        scratch(num_inputs, 4, num_layers, mistake=mistake), nn.RNN(num_inputs, 4, num_layers)
    )


def trained(**kwargs):
    corpus, V = tiny_corpus()
    net = CountLM(corpus, V, **kwargs)
    return lambda: checks.check_trained_lm(net, rnnlab.SeqDataLoader(corpus, 4, 10), "the model")


def probs(fn):
    return lambda: checks.check_next_token_probs(fn)


def right_probs(logits, temperature=1.0, alpha=1.0):
    return torch.softmax(alpha * logits / temperature, -1)


def naive_exp(logits, temperature=1.0, alpha=1.0):
    p = torch.exp(logits / temperature)
    p = (p / p.sum(-1, keepdim=True)) ** alpha
    return p / p.sum(-1, keepdim=True)


class EmbedLM(nn.Module):
    """RNNLMEmbed with switchable mistakes."""

    def __init__(self, vocab_size, embed_size=6, num_hiddens=8, mistake=None):
        super().__init__()
        self.vocab_size, self.mistake = vocab_size, mistake
        n_in = vocab_size if mistake == "unused_embedding" else embed_size
        self.embedding = nn.Embedding(vocab_size, embed_size)
        self.rnn = nn.GRU(n_in, num_hiddens)
        self.linear = nn.Linear(num_hiddens, vocab_size)

    def forward(self, X, state):
        if self.mistake == "unused_embedding":
            inputs = nn.functional.one_hot(X.T.long(), self.vocab_size).float()
        elif self.mistake == "batch_major_input":
            inputs = self.embedding(X.long())  # (batch, steps, embed): batch read as time
        else:
            inputs = self.embedding(X.T.long())
        if self.mistake == "ignore_state":
            state = torch.zeros_like(state)
        outputs, new_state = self.rnn(inputs, state)
        if self.mistake == "batch_major_logits":
            outputs = outputs.transpose(0, 1)
        if self.mistake == "initial_state_returned":
            new_state = state
        return self.linear(outputs.reshape(-1, outputs.shape[-1])), new_state

    def begin_state(self, batch_size=1, device="cpu"):
        return torch.zeros(1, batch_size, self.rnn.hidden_size, device=device)


def lm(mistake=None):
    return lambda: checks.check_language_model(EmbedLM(11, mistake=mistake), 11)


def right_norm(net):
    return math.sqrt(sum(float(p.grad.pow(2).sum()) for p in net.parameters() if p.grad is not None))


def clipping_norm(net):
    norm = right_norm(net)
    for p in net.parameters():
        if p.grad is not None:
            p.grad.mul_(min(1.0, 1.0 / norm))
    return norm


MUTANTS = {
    # exercise 1: the two-layer scratch RNN, against nn.RNN(num_layers=2)
    "stack_wraps_nn_rnn": (twin("wraps_torch"), "must not wrap nn.RNN"),
    "stack_calls_nn_rnn_inside_forward": (twin("calls_fused"), "fused kernel"),
    "stack_ignores_state": (twin("ignore_state"), "state passed to forward is ignored"),
    "stack_not_chained": (twin("not_chained", num_inputs=4), "layers chained"),
    "stack_not_chained_shape_error": (twin("not_chained"), "outputs of the layer below"),
    "stack_state_not_carried": (twin("no_carry", num_layers=1), "carried from step to step"),
    "stack_transposed_W_hh": (twin("transposed_hh"), "transposed"),
    "stack_transposed_W_ih": (
        lambda: checks.check_twin(scratch(3, 4, 2, mistake="transposed_ih"), nn.RNN(3, 4, 2)),
        "transposed weights",
    ),
    "stack_returns_initial_state": (twin("return_initial_state"), "returned state is not"),
    # the trained two-layer model (and exercise 3's): recomputed from the model, never a number
    "trained_reports_a_number": (lambda: checks.check_trained_lm(1.0, [], "the model"), "not a perplexity"),
    "trained_reports_a_history": (
        lambda: checks.check_trained_lm(rnnlab.History(), [], "the model"),
        "not a perplexity",
    ),
    "trained_model_ignores_state": (trained(order=1), "not carried through time"),
    "trained_model_never_updates_state": (trained(carry_state=False), "not carried through time"),
    "untrained_model": (
        lambda: checks.check_trained_lm(
            rnnlab.RNNLM(nn.GRU(28, 8), 28), rnnlab.SeqDataLoader(tiny_corpus()[0], 4, 10)
        ),
        "learned nothing from the context",
    ),
    # exercise 2: sampling probabilities
    "probs_overflow_at_small_T": (probs(naive_exp), "subtract the max"),
    "probs_no_alpha": (
        probs(lambda l, temperature=1.0, alpha=1.0: torch.softmax(l / temperature, -1)),
        "raise the probabilities to alpha",
    ),
    "probs_times_T": (
        probs(lambda l, temperature=1.0, alpha=1.0: torch.softmax(alpha * l * temperature, -1)),
        "divide the logits by the temperature",
    ),
    "probs_not_renormalised": (
        probs(lambda l, temperature=1.0, alpha=1.0: torch.softmax(l / temperature, -1) ** alpha),
        "summing to 1",
    ),
    "probs_dim_0": (
        probs(lambda l, temperature=1.0, alpha=1.0: torch.softmax(alpha * l / temperature, 0)),
        "summing to 1",
    ),
    # exercise 3: learned embeddings
    "embed_unused": (lm("unused_embedding"), "never used"),
    "embed_batch_major_logits": (lm("batch_major_logits"), "batch-major"),
    "embed_batch_read_as_time": (lm("batch_major_input"), "embed X.T"),
    "embed_ignores_state": (lm("ignore_state"), "state passed to forward is ignored"),
    "embed_returns_initial_state": (lm("initial_state_returned"), "final state"),
    "embed_missing": (
        lambda: checks.check_language_model(rnnlab.RNNLM(nn.GRU(11, 8), 11), 11),
        "nn.Embedding",
    ),
    # exercise 4: the global gradient norm
    "norm_sum_of_norms": (
        lambda: checks.check_grad_norm(
            lambda net: sum(float(p.grad.norm()) for p in net.parameters() if p.grad is not None)
        ),
        "SUM",
    ),
    "norm_squared": (lambda: checks.check_grad_norm(lambda net: right_norm(net) ** 2), "square of the norm"),
    "norm_last_parameter": (
        lambda: checks.check_grad_norm(
            lambda net: float([p for p in net.parameters() if p.grad is not None][-1].grad.norm())
        ),
        "only the last parameter",
    ),
    "norm_clips_in_place": (lambda: checks.check_grad_norm(clipping_norm), "do not clip"),
    "norm_crashes_on_missing_grad": (
        lambda: checks.check_grad_norm(
            lambda net: math.sqrt(sum(float(p.grad.pow(2).sum()) for p in net.parameters()))
        ),
        "p.grad None",
    ),
}

CORRECT = {
    "stack": twin(),
    "stack_three_layers": lambda: checks.check_twin(scratch(6, 4, 3), nn.RNN(6, 4, 3)),
    "trained": trained(),
    "probs": probs(right_probs),
    "embed": lm(),
    "norm": lambda: checks.check_grad_norm(right_norm),
}
