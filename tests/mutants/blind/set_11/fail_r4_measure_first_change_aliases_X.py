# expect: fail
# exercise: 4
# what: the copy for the first-character change is an alias (X_first = X), so X itself gets the new first characters; the last-character run and its reference then both start from that X, but the reference was computed before: the "last" counts mix in the first-character change
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


base = summaries(X)
shares = {}
X_first = X
for b in range(len(X)):
    X_first[b, 0] = other_letter(int(X[b, 0]))
changed_first = summaries(X_first)
X_last = X.clone()
for b in range(len(X)):
    n = int(lengths[b])
    X_last[b, n - 1] = other_letter(int(X[b, n - 1]))
changed_last = summaries(X_last)
print(f"{'summary':>20} {'first changed':>14} {'last changed':>13}")
for key in base:
    share_first = (base[key] != changed_first[key]).any(-1).float().mean()
    share_last = (base[key] != changed_last[key]).any(-1).float().mean()
    shares[key] = (share_first.item(), share_last.item())
    print(f"{key:>20} {share_first:14.1%} {share_last:13.1%}")
