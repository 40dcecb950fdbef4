# expect: pass
# exercise: Q2
# what: counts the parameters of the actual layers (nn.GRU on vocab+blank inputs plus the output nn.Linear) and searches the width whose count is closest to the bidirectional model's
# %% cell e1-ch09-measure
def filler_params(num_hiddens, bidirectional, vocab_size=len(vocab)):
    # the chapter's BlankFiller: one-hot (vocab + blank) -> GRU -> linear
    rnn = nn.GRU(vocab_size + 1, num_hiddens, bidirectional=bidirectional)
    linear = nn.Linear(num_hiddens * (2 if bidirectional else 1), vocab_size)
    return sum(p.numel() for m in (rnn, linear) for p in m.parameters())


bi_params = filler_params(128, True)
uni_hiddens = min(range(128, 400), key=lambda h: abs(filler_params(h, False) - bi_params))
uni_params = filler_params(uni_hiddens, False)
print(f"bidirectional, 128 hidden units per direction: {bi_params:,} parameters")
print(f"unidirectional with the same budget: {uni_hiddens} hidden units, "
      f"{uni_params:,} parameters")
