"""rnnlab.units: hidden states over a long text, reader-understandable features, the correlation
search and its controls, and the coloured-text plot."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
import torch  # noqa: E402
from torch import nn  # noqa: E402

import rnnlab  # noqa: E402
from rnnlab import units  # noqa: E402

PLAY = "ROMEO:\nShall I hear more?\n\nJULIET:\nAy me!\n"


def test_position_in_line_counts_from_each_newline():
    assert units.position_in_line("ab\ncd\n\ne").tolist() == [1, 2, 0, 1, 2, 0, 0, 1]


def test_in_speaker_line_marks_name_lines_and_their_newline():
    marks = units.in_speaker_line(PLAY)
    marked = "".join(c for c, m in zip(PLAY, marks) if m)
    assert marked == "ROMEO:\nJULIET:\n"
    assert units.in_speaker_line("no name here").sum() == 0


@pytest.mark.parametrize("module", [nn.RNN, nn.LSTM, nn.GRU])
def test_hidden_states_in_chunks_equal_one_pass(module):
    torch.manual_seed(0)
    net = rnnlab.RNNLM(module(5, 8, num_layers=2), 5)
    ids = torch.randint(0, 5, (53,))
    chunked = units.hidden_states(net, ids, chunk=10)
    outputs, _ = net.rnn(nn.functional.one_hot(ids, 5).float()[:, None, :], net.begin_state(1))
    assert chunked.shape == (53, 8)
    np.testing.assert_allclose(chunked, outputs[:, 0, :].detach().numpy(), atol=1e-6)


def test_correlations_match_numpy_and_a_constant_unit_scores_zero():
    rng = np.random.default_rng(0)
    states, feature = rng.normal(size=(200, 6)), rng.normal(size=200)
    states[:, 5] = 3.0
    r = units.correlations(states, feature)
    for k in range(5):
        assert r[k] == pytest.approx(np.corrcoef(states[:, k], feature)[0, 1])
    assert r[5] == 0


def test_best_unit_finds_a_planted_tracker_with_its_sign():
    rng = np.random.default_rng(1)
    feature = units.position_in_line(PLAY * 20)
    states = rng.normal(size=(len(feature), 50))
    states[:, 17] = -feature + 0.1 * rng.normal(size=len(feature))
    unit, r = units.best_unit(states, feature)
    assert unit == 17 and r < -0.9
    # the shifted feature no longer lines up with the planted unit
    assert abs(units.correlations(states, units.shifted(feature, 0.37))[17]) < 0.5


def test_shifted_keeps_the_values_and_their_runs():
    f = np.array([0, 0, 1, 1, 1, 0, 0, 0])
    assert units.shifted(f).tolist() == [1, 0, 0, 0, 0, 0, 1, 1]
    assert sorted(units.shifted(f)) == sorted(f)


def test_mismatched_or_constant_features_are_refused():
    with pytest.raises(ValueError, match="one row of states per character"):
        units.correlations(np.zeros((4, 2)), np.arange(5))
    with pytest.raises(ValueError, match="constant"):
        units.correlations(np.zeros((4, 2)), np.ones(4))


def test_plot_unit_text_draws_one_cell_per_character_and_wraps():
    values = np.linspace(-1, 1, len(PLAY))
    ax = units.plot_unit_text(PLAY, values, width=10)
    assert len(ax.patches) == len(PLAY) == len(ax.texts)
    assert "\u21b5" in [t.get_text() for t in ax.texts]
    assert ax.get_ylim() == (-6, 0)  # five lines (one of them empty) plus the wrapped one
    plt.close(ax.figure)
    with pytest.raises(ValueError, match="one value per character"):
        units.plot_unit_text(PLAY, values[:-1])
