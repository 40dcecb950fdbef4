"""Checks for the chapters' small functions: sampling, language models, gradients, BPTT,
and the bidirectional layer. The house conventions are in ``rnnlab.checks.core``."""
import torch

from .core import PASS_PREFIX, CheckFailed, describe, fail, passed  # noqa: F401


def _close(a, b, tol=1e-5):
    return a.shape == b.shape and bool(torch.isfinite(a).all()) and float((a - b).abs().max()) <= tol


# --- sampling -------------------------------------------------------------------------------

def check_next_token_probs(next_token_probs):
    """``next_token_probs(logits, temperature=1.0, alpha=1.0)``: softmax(logits / T) ** alpha, renormalised."""
    gen = torch.Generator().manual_seed(0)
    logits = torch.randn(3, 7, generator=gen) * 3
    soft = torch.softmax
    cases = [
        ("temperature=1, alpha=1 (plain softmax)", {}, soft(logits, -1), "softmax: exp(logits) / sum(exp(logits))"),
        ("temperature=0.5", {"temperature": 0.5}, soft(logits / 0.5, -1), "divide the logits by the temperature"),
        ("temperature=1e-4 (close to argmax)", {"temperature": 1e-4}, soft(logits / 1e-4, -1),
         "exp overflows for small temperatures: subtract the max logit first (or use torch.softmax)"),
        ("alpha=2 (sharpened)", {"alpha": 2.0}, soft(2 * logits, -1), "raise the probabilities to alpha, then renormalise"),
        ("alpha=0 (flat)", {"alpha": 0.0}, torch.full_like(logits, 1 / 7), "p ** 0 is 1 for every token: uniform"),
        ("temperature=2, alpha=3", {"temperature": 2.0, "alpha": 3.0}, soft(1.5 * logits, -1),
         "apply the temperature first, then the power alpha, then renormalise"),
    ]
    for what, kwargs, want, cause in cases:
        got = next_token_probs(logits.clone(), **kwargs)
        if not isinstance(got, torch.Tensor) or got.shape != logits.shape:
            fail(f"next_token_probs(logits of shape (3, 7), {what})", "probabilities of shape (3, 7)", describe(got),
                 "keep the shape; normalise over the last dim (one distribution per row)")
        sums = got.sum(-1)
        if not (torch.isfinite(got).all() and (got >= 0).all() and _close(sums, torch.ones(3))):
            fail(f"next_token_probs, {what}: each row is a distribution", "non-negative rows summing to 1",
                 f"row sums {sums.tolist()}", cause)
        if not _close(got, want):
            fail(f"next_token_probs, {what}", describe(want) + f", first row {want[0].tolist()}",
                 f"first row {got[0].tolist()}", cause)
    one = next_token_probs(logits[0])
    if one.shape != (7,) or not _close(one, soft(logits[0], -1)):
        fail("next_token_probs on a 1-d vector of logits", "shape (7,), the softmax", describe(one),
             "use dim=-1, not dim=1")
    passed("next_token_probs: rows sum to 1; T=1, alpha=1 is softmax; T -> 0 and large alpha give the argmax; "
           "alpha=0 is uniform; softmax(l/T)**alpha == softmax(alpha*l/T); works on 1-d and batched logits")


# --- language models ------------------------------------------------------------------------

def check_language_model(net, vocab_size, embedding=True):
    """The RNNLM interface: (batch, steps) ids -> time-major logits (steps*batch, vocab), state."""
    from torch import nn
    if embedding and not any(isinstance(m, nn.Embedding) for m in net.modules()):
        fail(f"an nn.Embedding inside {type(net).__name__}", "a learnable embedding table", "none",
             "create nn.Embedding(vocab_size, embed_size) in __init__ and look the tokens up with it")
    gen = torch.Generator().manual_seed(0)
    device = next(net.parameters()).device
    with torch.no_grad():
        for batch_size, num_steps in ((1, 1), (1, 6), (3, 5)):
            X = torch.randint(0, vocab_size, (batch_size, num_steps), generator=gen).to(device)
            state = net.begin_state(batch_size=batch_size, device=device)
            out = net(X, state)
            if not (isinstance(out, tuple) and len(out) == 2):
                fail("what forward returns", "(logits, state)", describe(out), "return logits, state")
            y, _ = out
            if y.shape != (num_steps * batch_size, vocab_size):
                fail(f"the logits for X of shape {tuple(X.shape)} (batch_size, num_steps)",
                     (num_steps * batch_size, vocab_size), describe(y),
                     "one row of logits per position: (num_steps * batch_size, vocab_size)")
        X2 = X.clone()
        X2[:, -1] = (X2[:, -1] + 1) % vocab_size  # change the last step of every sequence
        y2, _ = net(X2, net.begin_state(batch_size=3, device=device))
        changed = ((y2 - y).abs().amax(1) > 1e-7).reshape(-1).tolist()
        time_major = [False] * (4 * 3) + [True] * 3
        if changed != time_major:
            batch_major = [t == 4 for b in range(3) for t in range(5)]
            cause = ("the logits are batch-major: reshape the (num_steps, batch_size, ...) outputs, do not "
                     "transpose them, so rows line up with Y.T.reshape(-1)") if changed == batch_major else (
                     "the inputs must go through the model in time order, and position t must see only "
                     "tokens 0..t; feed X.T (time-major) to the recurrent layer")
            fail("which logits change when only the LAST token of each sequence changes",
                 "only the last 3 rows (time-major layout)", f"rows {[i for i, c in enumerate(changed) if c]}", cause)
    passed(f"{type(net).__name__}: (batch_size, num_steps) ids -> logits (num_steps * batch_size, {vocab_size}), "
           "time-major, causal (a change at the last step changes only the last rows), batch sizes 1 and 3"
           + (", with an nn.Embedding" if embedding else ""))


def unigram_perplexity(data_iter):
    """Perplexity of the best context-free model (token frequencies) on the targets of ``data_iter``."""
    counts = torch.bincount(torch.cat([Y.reshape(-1).long().cpu() for _, Y in data_iter]))
    p = counts[counts > 0].double() / counts.sum()
    return float(torch.exp(-(p * p.log()).sum()))


def check_below_unigram(perplexity, data_iter, what="the trained model"):
    """``perplexity`` (a number or a History) must be below the unigram baseline of ``data_iter``."""
    ppl = getattr(perplexity, "perplexity", perplexity)
    base = unigram_perplexity(data_iter)
    if not ppl < base:
        fail(f"perplexity of {what}", f"below the unigram baseline {base:.2f} (frequencies, no context)",
             f"{ppl:.2f}", "it learned nothing from the context: check that the inputs and state reach the "
             "output, and that the learning rate is not too small or too large")
    passed(f"{what}: perplexity {ppl:.2f} is below the unigram baseline {base:.2f}")


# --- gradients ------------------------------------------------------------------------------

def check_grad_norm(grad_norm):
    """``grad_norm(net)``: the global L2 norm of all gradients, computed without changing them."""
    from torch import nn
    gen = torch.Generator().manual_seed(0)
    net = nn.ModuleDict({"rnn": nn.RNN(3, 4), "out": nn.Linear(4, 2), "unused": nn.Linear(2, 2)})
    with torch.no_grad():
        for p in net.parameters():
            p.copy_(torch.randn(p.shape, generator=gen))
    out, _ = net["rnn"](torch.randn(5, 2, 3, generator=gen))
    (net["out"](out) ** 2).sum().backward()
    grads = [p.grad for p in net.parameters() if p.grad is not None]
    before = [g.clone() for g in grads]
    norms = torch.stack([g.norm() for g in grads])
    want = float(norms.norm())
    result = grad_norm(net)
    try:
        got = float(result)
    except (TypeError, ValueError, RuntimeError):
        fail("grad_norm(net)", "one number (float or 0-d tensor)", describe(result), "return the norm, not a list")
    if any(not torch.equal(g, b) for g, b in zip(grads, before)):
        fail("the gradients after grad_norm(net)", "unchanged", "changed", "measure only; do not clip or zero them")
    if abs(got - want) > 1e-5 * max(1.0, want):
        causes = {float(norms.sum()): "that is the SUM of per-parameter norms; take sqrt(sum of squares)",
                  want ** 2: "the square of the norm: take the square root",
                  float(norms[-1]): "only the last parameter: loop over all of net.parameters()"}
        cause = next((c for v, c in causes.items() if abs(got - v) <= 1e-5 * max(1.0, v)),
                     "sqrt of the sum of squared entries over every parameter with a gradient (skip p.grad is None)")
        fail("grad_norm(net) on a small RNN with random gradients", f"{want:.6g}", f"{got:.6g}", cause)
    passed(f"grad_norm: the global L2 norm over all {len(grads)} gradients ({want:.4g}), parameters without a "
           "gradient skipped, gradients left unchanged")


def check_bptt(bptt):
    """``bptt(X, Y, H0, params) -> (loss, grads)`` in NumPy, against autograd in float64."""
    import numpy as np
    rng = np.random.default_rng(0)
    d, h, q = 4, 5, 6
    for T, B in ((1, 1), (3, 1), (6, 4)):
        params = {"W_xh": rng.normal(0, 0.5, (d, h)), "W_hh": rng.normal(0, 0.5, (h, h)), "b_h": rng.normal(0, 0.1, h),
                  "W_hq": rng.normal(0, 0.5, (h, q)), "b_q": rng.normal(0, 0.1, q)}
        X, Y, H0 = rng.normal(size=(T, B, d)), rng.integers(0, q, (T, B)), rng.normal(size=(B, h))
        tp = {k: torch.tensor(v, requires_grad=True) for k, v in params.items()}
        H, loss = torch.tensor(H0), 0
        for t in range(T):
            H = torch.tanh(torch.tensor(X[t]) @ tp["W_xh"] + H @ tp["W_hh"] + tp["b_h"])
            loss = loss + torch.nn.functional.cross_entropy(H @ tp["W_hq"] + tp["b_q"], torch.tensor(Y[t]), reduction="sum")
        loss = loss / (T * B)
        loss.backward()
        what = f"on a random problem with num_steps={T}, batch_size={B}"
        out = bptt(X.copy(), Y.copy(), H0.copy(), {k: v.copy() for k, v in params.items()})
        if not (isinstance(out, tuple) and len(out) == 2 and isinstance(out[1], dict)):
            fail(f"bptt(...) {what}", "a pair (loss, grads) with grads a dict", describe(out), "return loss, grads")
        got_loss, grads = out
        if abs(float(got_loss) - loss.item()) > 1e-9 * max(1, loss.item()):
            fail(f"the loss {what}", f"{loss.item():.10g}", f"{float(got_loss):.10g}",
                 "the mean over all num_steps * batch_size positions of -log softmax(O_t)[y_t]")
        for k, p in tp.items():
            want, g = p.grad.numpy(), grads.get(k)
            if g is None or np.shape(g) != want.shape:
                fail(f"grads['{k}'] {what}", f"an array of shape {want.shape}", describe(g),
                     "one gradient per parameter, shaped like the parameter")
            rel = np.linalg.norm(g - want) / max(np.linalg.norm(g) + np.linalg.norm(want), 1e-12)
            if rel > 1e-6:
                cause = ("with one time step it was right: add the gradient arriving from step t+1 "
                         "(dH_next) before going through tanh at step t" if T > 1 else
                         "dO = (softmax(O) - onehot(Y)) / (num_steps * batch_size); tanh' = 1 - H**2; "
                         "sum bias gradients over the batch")
                fail(f"grads['{k}'] {what}", "relative error < 1e-6 against autograd",
                     f"relative error {rel:.2e}", cause)
    passed("bptt: loss and gradients of W_xh, W_hh, b_h, W_hq, b_q agree with autograd (float64, relative "
           "error < 1e-6) on 3 random problems, num_steps 1-6, batch sizes 1 and 4")


def check_state_gradients(grad_wrt_states):
    """``grad_wrt_states(X, H0, W_xh, W_hh, b_h, g_last)``: norms of dL/dH_t, t = 1..T, against autograd."""
    import numpy as np
    rng = np.random.default_rng(1)
    X, H0 = rng.normal(size=(6, 2, 3)), rng.normal(size=(2, 4))
    W_xh, W_hh, b_h, g = rng.normal(size=(3, 4)), rng.normal(size=(4, 4)), rng.normal(size=4), rng.normal(size=(2, 4))
    Hs, H = [], torch.tensor(H0, requires_grad=True)
    for t in range(6):
        H = torch.tanh(torch.tensor(X[t]) @ torch.tensor(W_xh) + H @ torch.tensor(W_hh) + torch.tensor(b_h))
        H.retain_grad()
        Hs.append(H)
    (Hs[-1] * torch.tensor(g)).sum().backward()
    want = [float(H.grad.norm()) for H in Hs]
    got = grad_wrt_states(X.copy(), H0.copy(), W_xh, W_hh, b_h, g)
    if len(got) != 6 or not np.allclose(np.asarray(got, float), want, rtol=1e-8):
        cause = ("the order is reversed: return t = 1 first" if len(got) == 6 and np.allclose(got[::-1], want) else
                 "one norm per step, t = 1 first; each step back multiplies by tanh' = 1 - H_t**2, then by W_hh.T")
        fail("norms of dL/dH_t for t = 1..6 on a random problem", np.round(want, 6).tolist(),
             np.round(np.asarray(got, float), 6).tolist() if len(got) == 6 else describe(got), cause)
    passed("grad_wrt_states: the norms of dL/dH_t for t = 1..6 agree with autograd (float64)")


def check_uneven_bidirectional(layer):
    """A bidirectional layer whose directions ``layer.fwd`` and ``layer.bwd`` have different sizes."""
    gen = torch.Generator().manual_seed(0)
    hf, hb = layer.fwd.hidden_size, layer.bwd.hidden_size
    for num_steps, batch_size in ((1, 1), (6, 1), (4, 3)):
        X = torch.randn(num_steps, batch_size, layer.fwd.input_size, generator=gen)
        with torch.no_grad():
            want = torch.cat([layer.fwd(X)[0], torch.flip(layer.bwd(torch.flip(X, [0]))[0], [0])], dim=-1)
            got = layer(X)
            got = got[0] if isinstance(got, tuple) else got
        what = f"outputs for inputs of shape {tuple(X.shape)}"
        if not isinstance(got, torch.Tensor) or got.shape != want.shape:
            fail(what, f"shape {tuple(want.shape)}: (num_steps, batch_size, {hf} + {hb})", describe(got),
                 "concatenate the two directions' outputs on the last dim; their widths add up")
        if not _close(got[..., :hf], want[..., :hf]):
            fail(f"{what}, first {hf} features", "the forward direction's outputs", "something else",
                 "put the forward direction first: torch.cat([forward, backward], dim=-1)")
        if not _close(got, want):
            cause = ("the backward outputs are in reverse time order: flip them back" if _close(
                got[..., hf:], torch.flip(want[..., hf:], [0])) else
                "the backward direction reads the inputs reversed in time: flip, run, flip back")
            fail(f"{what}, last {hb} features", "the backward direction's outputs, aligned with time step t",
                 "something else", cause)
    passed(f"{type(layer).__name__}: outputs (num_steps, batch_size, {hf} + {hb}) = [forward, backward] with "
           "the backward direction aligned in time, batch sizes 1 and 3")

