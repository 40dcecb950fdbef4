# expect: pass
# exercise: 4
# what: held-out passages from test_parts; the new letter is drawn at random with its own generator among the 25 letters that differ from the old character; a summary counts as changed when it is not exactly equal (torch.equal per passage); results collected in a dict and printed per half
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


pick = torch.Generator().manual_seed(11)


def random_other_letter(token):
    choices = [c for c in letters if c != token]
    return choices[int(torch.randint(len(choices), (1,), generator=pick))]


def with_changed(X, positions):
    X_new = X.clone()
    for b, p in enumerate(positions.tolist()):
        X_new[b, p] = random_other_letter(int(X[b, p]))
    return X_new


base = summaries(X)
results = {}
for which, positions in (("first", torch.zeros_like(lengths)), ("last", lengths - 1)):
    changed = summaries(with_changed(X, positions))
    for key in base:
        moved = [not torch.equal(base[key][b], changed[key][b]) for b in range(len(X))]
        results[(key, which)] = sum(moved) / len(moved)
print(f"{'summary':>20} {'first changed':>14} {'last changed':>13}")
for key in base:
    print(f"{key:>20} {results[(key, 'first')]:14.1%} {results[(key, 'last')]:13.1%}")
