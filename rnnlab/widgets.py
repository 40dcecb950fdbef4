"""Playgrounds for a running notebook: sample text from a model, look inside its gates.

Imported only where used (``from rnnlab.widgets import generation_playground``), so the rest
of the package does not need ipywidgets. Works with ipywidgets 7.7 (Colab) and 8.

Each playground is displayed with two representations: the live widget, which Jupyter and
Colab show, and a static HTML snapshot of its current state (the first sample, the first
heatmap) with a note that interaction needs a running kernel. The book's website shows the
snapshot, so a page built from stored outputs needs no kernel and no widget JavaScript.
"""

import base64
import html
import io

import ipywidgets as widgets

from .plot import text_heatmap

KERNEL_NOTE = (
    "Static snapshot of an interactive widget. To change the settings, run this "
    "notebook: use the launch buttons (the rocket icon at the top of the page) to "
    "open it in Colab or Binder, or run <code>make lab</code> locally."
)


class _Playground(widgets.VBox):
    """A VBox that also offers a static HTML snapshot of itself, for pages without a kernel."""

    def __init__(self, children, snapshot):
        super().__init__(children)
        self._snapshot = snapshot  # () -> HTML string of the current state

    def _repr_mimebundle_(self, **kwargs):
        text = f"{type(self).__name__}: an interactive widget (needs a running kernel)"
        bundle = {
            "text/plain": text,
            "text/html": (
                f'<div class="rnnlab-widget-snapshot">{self._snapshot()}'
                f'<p class="rnnlab-widget-note">{KERNEL_NOTE}</p></div>'
            ),
        }
        if self._view_name is not None:
            bundle["application/vnd.jupyter.widget-view+json"] = {
                "version_major": 2,
                "version_minor": 0,
                "model_id": self._model_id,
            }
        return bundle

    def _ipython_display_(self, **kwargs):
        # ipywidgets 7 displays widgets through this hook (8 uses _repr_mimebundle_ alone);
        # defining it here makes both versions send the same bundle.
        from IPython.display import display

        display(self._repr_mimebundle_(), raw=True)
        if hasattr(self, "_handle_displayed"):
            self._handle_displayed(**kwargs)


def _wide(description, width="32em"):
    return dict(
        description=description, style={"description_width": "8em"}, layout=widgets.Layout(width=width)
    )


def generation_playground(net, vocab, device=None, prefix="time traveller", temperature=1.0, num_preds=100):
    """Text box for a prefix, sliders for temperature and length; shows what ``net`` writes.

    ``temperature=0`` (or None) means greedy decoding (always the most likely next token); higher
    temperatures sample from the softmax of logits / temperature. Returns the widget.
    """
    from .train import predict

    temperature = 0.0 if temperature is None else float(temperature)
    prefix_box = widgets.Text(value=prefix, continuous_update=False, **_wide("prefix"))
    temp_slider = widgets.FloatSlider(
        value=temperature,
        min=0.0,
        max=max(2.0, temperature),
        step=0.05,
        continuous_update=False,
        readout_format=".2f",
        **_wide("temperature"),
    )
    length_slider = widgets.IntSlider(
        value=num_preds,
        min=min(10, num_preds),
        max=max(500, num_preds),
        step=10,
        continuous_update=False,
        **_wide("characters"),
    )
    again = widgets.Button(description="sample again", tooltip="draw a new sample")
    hint = widgets.HTML(value="<small>temperature 0 = greedy (always the most likely token)</small>")
    result = widgets.HTML()
    state = {"prefix": prefix, "text": "", "error": None}

    def settings():
        t = temp_slider.value
        return "greedy" if t == 0 else f"temperature {t:.2f}"

    def render():
        if state["error"]:
            return f'<p style="color:#b00020">{html.escape(state["error"])}</p>'
        p, rest = state["prefix"], state["text"][len(state["prefix"]) :]
        return (
            f"<p><small>{settings()}, {length_slider.value} characters</small></p>"
            f'<pre style="white-space:pre-wrap"><b>{html.escape(p)}</b>{html.escape(rest)}</pre>'
        )

    def generate(_=None):
        t = temp_slider.value
        state["prefix"], state["error"] = prefix_box.value, None
        try:
            state["text"] = predict(
                prefix_box.value, length_slider.value, net, vocab, device, temperature=None if t == 0 else t
            )
        except ValueError as err:  # e.g. a character the vocabulary does not have
            state["error"] = str(err)
        result.value = render()

    for w in (prefix_box, temp_slider, length_slider):
        w.observe(generate, names="value")
    again.on_click(generate)
    generate()
    controls = widgets.VBox([prefix_box, temp_slider, length_slider, widgets.HBox([again, hint])])
    return _Playground([controls, result], snapshot=render)


def _figure_png(compute, text, title):
    """Heatmaps of ``compute(text)``, one row per entry, as PNG bytes."""
    from matplotlib.figure import Figure

    values = compute(text)
    rows = len(values)
    # About the width of a page's text column (720 px at 80 dpi), so the website shows it unscaled.
    width = min(9.0, max(5.0, 1.5 + 0.14 * len(text)))
    fig = Figure(figsize=(width, 0.4 + 1.9 * rows))
    axes = fig.subplots(rows, 1, squeeze=False)[:, 0]
    for ax, (name, v) in zip(axes, values.items()):
        text_heatmap(text, v, title=name, ax=ax)
    if title:
        fig.suptitle(title)
    fig.tight_layout()
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=80)
    return buf.getvalue()


# What the gate inspector's picture shows, for readers who cannot see it (its alt text).
ALT = (
    "Heatmaps of gate values, one per gate: one row per hidden unit, one column per character "
    "of the text above, coloured by value (the colour bar gives the scale)"
)


def gate_inspector(compute, text="the time traveller", title=None):
    """Type a sentence, see ``compute(text)`` as heatmaps: characters across, units down.

    ``compute(text) -> dict[str, array of shape (len(text), k)]``, e.g. the update gate and
    reset gate of a GRU at every character. One heatmap per entry. Returns the widget.
    """
    box = widgets.Text(value=text, continuous_update=False, **_wide("text", width="40em"))
    image = widgets.Image(format="png")
    message = widgets.HTML()
    state = {"png": b"", "text": text, "error": None}

    def render():
        if state["error"]:
            return f'<p style="color:#b00020">{html.escape(state["error"])}</p>'
        data = base64.b64encode(state["png"]).decode("ascii")
        return (
            f"<p><small>text: <code>{html.escape(state['text'])}</code></small></p>"
            f'<img alt="{ALT}" style="max-width:100%" src="data:image/png;base64,{data}"/>'
        )

    def update(_=None):
        state["text"], state["error"] = box.value, None
        try:
            if not box.value:
                raise ValueError("type at least one character")
            state["png"] = _figure_png(compute, box.value, title)
            image.value = state["png"]
            message.value = ""
        except (ValueError, KeyError, IndexError) as err:
            detail = err.args[0] if isinstance(err, KeyError) and err.args else err  # KeyError quotes
            state["error"] = f"cannot show {box.value!r}: {detail}"
            message.value = render()

    box.observe(update, names="value")
    update()
    return _Playground([box, message, image], snapshot=render)
