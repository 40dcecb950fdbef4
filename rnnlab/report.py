"""How ``rnnlab.train`` shows a run while it goes: a live plot in Jupyter, else a progress bar and
a printed line every few epochs. It only shows; what the run measured lives in its ``History``."""

import os
import time

from .plot import LivePlot, in_notebook


def _progress(total, enabled):
    """A progress bar for a live reader. ``RNNLAB_PROGRESS=0`` turns it off: ``make execute`` sets
    it, because a stored run would keep the bar's first frame (a frozen "0%" widget) forever."""
    from tqdm.auto import tqdm

    enabled = enabled and os.environ.get("RNNLAB_PROGRESS", "1") != "0"
    return tqdm(total=total, desc="epochs", unit="epoch", leave=False, disable=not enabled, mininterval=1.0)


class TrainingReport:
    """Progress of a training run of ``num_epochs`` epochs, shown as it goes.

    In Jupyter (and with ``plot``) a perplexity plot redraws in place, its title giving the epoch,
    the elapsed time and an estimate of the time left. Elsewhere a progress bar runs (with
    ``progress``, unless ``RNNLAB_PROGRESS=0``) and a line is printed every ``print_every`` epochs
    (default: about ten lines per run) and after the last. Use it as a context manager around the
    epochs, call ``epoch_done(history)`` after each, then ``close()``.
    """

    def __init__(self, num_epochs, held_out=None, plot=True, progress=True, print_every=None):
        # held_out: the name of the held-out curve ("held-out" or "validation"); True means
        # "held-out", and None or False: no held-out curve
        held_out = "held-out" if held_out is True else held_out or None
        self.num_epochs, self.held_out = num_epochs, held_out
        legend = ["training"] + ([held_out] if held_out else [])
        live = plot and in_notebook()
        # a log axis: the region that matters (perplexities of 1-20) is not squashed under the
        # early epochs' or an overfitting run's large values
        self.live = LivePlot("epoch", "perplexity", legend, xlim=[1, num_epochs], yscale="log", enabled=live)
        self.print_every = print_every or max(1, num_epochs // 10)
        # In Jupyter the live plot's title is the progress report; a bar is shown only without it.
        self.bar = _progress(num_epochs, progress and not self.live.enabled)
        self.start = time.perf_counter()

    def __enter__(self):
        self.bar.__enter__()
        return self

    def __exit__(self, *exc):
        return self.bar.__exit__(*exc)

    def epoch_done(self, history):
        """Show the epoch ``history`` recorded last (and its held-out value, if measured then)."""
        epoch, ppl, speed = history.epochs[-1], history.perplexities[-1], history.tokens_per_sec[-1]
        values, line = [ppl], f"perplexity {ppl:.2f}"
        if self.held_out:
            measured_now = history.val_epochs[-1:] == [epoch]
            values.append(history.val_perplexity if measured_now else None)  # None: a gap in the curve
            if history.val_perplexities:
                line = f"perplexity: training {ppl:.2f}, {self.held_out} {history.val_perplexity:.2f}"
        self.bar.update(1)
        self.bar.set_postfix(perplexity=f"{ppl:.2f}", refresh=False)
        elapsed = time.perf_counter() - self.start
        eta = elapsed / epoch * (self.num_epochs - epoch)
        title = f"epoch {epoch}/{self.num_epochs}, {elapsed:.0f} s, about {eta:.0f} s left"
        self.live.add(epoch, values, title=title)
        if not self.live.enabled and (epoch % self.print_every == 0 or epoch == self.num_epochs):
            self.bar.write(f"epoch {epoch:4d}/{self.num_epochs}: {line}, {speed:.0f} tokens/sec")

    def close(self):
        """Draw the final plot; return the run's wall time in seconds."""
        seconds = time.perf_counter() - self.start
        self.live.close(title=f"{self.num_epochs} epochs, {seconds:.0f} s")
        return seconds
