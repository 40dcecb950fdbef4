"""rnnlab.widgets and plot.text_heatmap: the playgrounds work without a browser, and carry a snapshot."""

import html

import matplotlib
import numpy as np
import pytest
import torch

import rnnlab
from rnnlab.plot import text_heatmap
from rnnlab.widgets import gate_inspector, generation_playground

matplotlib.use("Agg")
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


@pytest.fixture(scope="module")
def model():
    rnnlab.seed(0)
    _, vocab = rnnlab.load_data_time_machine(4, 5, max_tokens=1000)
    return rnnlab.RNNLM(torch.nn.GRU(len(vocab), 8), len(vocab)), vocab


def controls(playground):
    prefix, temperature, length, buttons = playground.children[0].children
    return prefix, temperature, length, buttons.children[0], playground.children[1]


def test_playground_generates_and_shows_a_snapshot(model):
    net, vocab = model
    playground = generation_playground(net, vocab, prefix="time", temperature=1.0, num_preds=20)
    prefix, temperature, length, again, result = controls(playground)
    assert "<b>time</b>" in result.value
    temperature.value = 0.0  # greedy: the same text every time
    greedy = result.value
    again.click()
    assert result.value == greedy and "greedy" in greedy
    assert greedy.count("</b>") == 1 and len(greedy.split("</b>")[1].split("</pre>")[0]) == 20
    length.value = 50
    assert "50 characters" in result.value
    bundle = playground._repr_mimebundle_()
    assert WIDGET_VIEW in bundle and "running kernel" in bundle["text/plain"]
    assert "Static snapshot" in bundle["text/html"] and "greedy" in bundle["text/html"]


def test_playground_explains_a_prefix_outside_the_vocabulary(model):
    net, vocab = model
    playground = generation_playground(net, vocab, prefix="Time")
    assert "not in the vocabulary" in controls(playground)[4].value


def test_gate_inspector_draws_one_heatmap_per_entry_and_reports_bad_input():
    calls = []

    def compute(text):
        calls.append(text)
        if "!" in text:
            raise KeyError("'!' is not in the vocabulary")
        return {"update gate": np.random.rand(len(text), 4), "cell state": np.random.randn(len(text), 2)}

    inspector = gate_inspector(compute, text="the time", title="GRU")
    box, message, image = inspector.children
    assert image.value[:8] == b"\x89PNG\r\n\x1a\n" and calls == ["the time"]
    box.value = "hi!"
    assert html.unescape(message.value).endswith("cannot show 'hi!': '!' is not in the vocabulary</p>")
    assert "data:image/png;base64," not in inspector._repr_mimebundle_()["text/html"]
    box.value = "ok"
    assert message.value == "" and "data:image/png;base64," in inspector._repr_mimebundle_()["text/html"]


def test_text_heatmap_puts_characters_on_x_and_units_on_y():
    ax = text_heatmap("abc d", torch.rand(5, 3), title="z")
    assert [t.get_text() for t in ax.get_xticklabels()] == ["a", "b", "c", "\u2423", "d"]
    assert ax.images[0].get_array().shape == (3, 5)
    with pytest.raises(ValueError, match=r"expected shape \(len\(text\), k\)"):
        text_heatmap("abc", np.zeros((4, 2)))
