# expect: pass
# exercise: Q2
# what: finds uni_hiddens by building the two blank fillers' layers (GRU on vocab+blank inputs plus the linear output layer) and scanning widths for the closest parameter count
# %% cell e1-ch09-measure
def count(module):
    return sum(p.numel() for p in module.parameters())


V = len(vocab)
bi_params = count(nn.GRU(V + 1, 128, bidirectional=True)) + count(nn.Linear(2 * 128, V))
best = None
for h in range(128, 400):
    n = count(nn.GRU(V + 1, h)) + count(nn.Linear(h, V))
    if best is None or abs(n - bi_params) < abs(best[1] - bi_params):
        best = (h, n)
uni_hiddens = best[0]
print(f"bidirectional: {bi_params:,} parameters; unidirectional with {uni_hiddens} units: "
      f"{best[1]:,}")
