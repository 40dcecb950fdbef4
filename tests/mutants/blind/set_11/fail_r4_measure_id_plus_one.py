# expect: fail
# exercise: 4
# what: "changes" the character by adding 1 to its id modulo the vocabulary size, which for several letters gives '<pad>', '<unk>' or the space instead of another letter (the text asks for another letter)
# %% cell 37be6e65
layer = next(m for m in net.modules() if isinstance(m, BiGRUPadded))
embedding = next(m for m in net.modules() if isinstance(m, nn.Embedding))
layer_device = next(layer.parameters()).device

generator = torch.Generator().manual_seed(2)
passages, _ = classify.sample_passages(test_parts, 200, min_len, max_len, generator)
X, lengths = classify.pad_batch(passages, pad)
rows = torch.arange(len(X))
letters = [vocab[c] for c in "abcdefghijklmnopqrstuvwxyz"]




@torch.no_grad()
def summaries(X):
    out, h_n = layer(embedding(X.to(layer_device)), lengths.to(layer_device))
    H = h_n.shape[-1]
    last = out[rows.to(layer_device), (lengths - 1).to(layer_device)]
    return {"h_n forward": h_n[0], "h_n backward": h_n[1],
            "out[len-1] forward": last[:, :H], "out[len-1] backward": last[:, H:]}


base = summaries(X)
X_first, X_last = X.clone(), X.clone()
X_first[rows, 0] = (X[rows, 0] + 1) % len(vocab)
X_last[rows, lengths - 1] = (X[rows, lengths - 1] + 1) % len(vocab)
changed_first, changed_last = summaries(X_first), summaries(X_last)
print(f"{'summary':>20} {'first changed':>14} {'last changed':>13}")
for key in base:
    share_first = (base[key] != changed_first[key]).any(-1).float().mean()
    share_last = (base[key] != changed_last[key]).any(-1).float().mean()
    print(f"{key:>20} {share_first:14.1%} {share_last:13.1%}")
