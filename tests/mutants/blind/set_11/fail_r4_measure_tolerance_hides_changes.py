# expect: fail
# exercise: 4
# what: counts a summary as changed only when it moves by more than 0.01 (torch.allclose with atol=1e-2), so small but real changes (a first character read 60 to 100 steps earlier) are counted as "no change"
# %% cell 37be6e65
layer = next(m for m in net.modules() if isinstance(m, BiGRUPadded))
embedding = next(m for m in net.modules() if isinstance(m, nn.Embedding))
layer_device = next(layer.parameters()).device

generator = torch.Generator().manual_seed(2)
passages, _ = classify.sample_passages(test_parts, 200, min_len, max_len, generator)
X, lengths = classify.pad_batch(passages, pad)
rows = torch.arange(len(X))
letters = [vocab[c] for c in "abcdefghijklmnopqrstuvwxyz"]


def other_letter(token):
    # the next letter of the alphabet; a letter for a space
    if token in letters:
        return letters[(letters.index(token) + 1) % len(letters)]
    return letters[0]


@torch.no_grad()
def summaries(X):
    out, h_n = layer(embedding(X.to(layer_device)), lengths.to(layer_device))
    H = h_n.shape[-1]
    last = out[rows.to(layer_device), (lengths - 1).to(layer_device)]
    return {"h_n forward": h_n[0], "h_n backward": h_n[1],
            "out[len-1] forward": last[:, :H], "out[len-1] backward": last[:, H:]}


def changed_share(a, b):
    same = [torch.allclose(a[i], b[i], atol=1e-2) for i in range(len(a))]
    return 1 - sum(same) / len(same)


base = summaries(X)
X_first, X_last = X.clone(), X.clone()
for b in range(len(X)):
    n = int(lengths[b])
    X_first[b, 0] = other_letter(int(X[b, 0]))
    X_last[b, n - 1] = other_letter(int(X[b, n - 1]))
changed_first, changed_last = summaries(X_first), summaries(X_last)
print(f"{'summary':>20} {'first changed':>14} {'last changed':>13}")
for key in base:
    print(f"{key:>20} {changed_share(base[key], changed_first[key]):14.1%} "
          f"{changed_share(base[key], changed_last[key]):13.1%}")
