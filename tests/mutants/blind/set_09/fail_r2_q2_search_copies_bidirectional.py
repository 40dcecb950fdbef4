# expect: fail
# exercise: Q2
# what: copy-paste slip in the width search: the candidate model is built with bidirectional=True like the target, so the closest count is at 128 units and uni_hiddens = 128 (no widening at all)
# %% cell e1-ch09-measure
def filler_count(h, bidirectional):
    rnn = nn.GRU(len(vocab) + 1, h, bidirectional=bidirectional)
    linear = nn.Linear(h * (2 if bidirectional else 1), len(vocab))
    return sum(p.numel() for m in (rnn, linear) for p in m.parameters())

target = filler_count(128, True)
uni_hiddens = min(range(64, 400), key=lambda h: abs(filler_count(h, True) - target))
print(f"target {target:,} parameters; unidirectional width {uni_hiddens}")
