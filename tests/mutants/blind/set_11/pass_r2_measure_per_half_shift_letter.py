# expect: pass
# exercise: 4
# what: measurement in one helper over 300 held-out passages per corpus, padded together; the replacement letter is the next letter of the alphabet (always different); compares h_n halves and the outputs at lengths - 1 halves with torch.isclose per passage and prints a share table
# %% cell 37be6e65
letters = [c for c in "abcdefghijklmnopqrstuvwxyz" if c in vocab.token_to_idx]
letter_ids = torch.tensor([vocab[c] for c in letters])


def other_letter(i):
    """A different letter id for token id i (the next letter of the alphabet)."""
    i = int(i)
    if i in letter_ids.tolist():
        k = letter_ids.tolist().index(i)
        return int(letter_ids[(k + 1) % len(letter_ids)])
    return int(letter_ids[0])


@torch.no_grad()
def summaries(X, lengths):
    net.eval()
    out, h_n = net.rnn(net.embedding(X.to(device)), lengths)
    rows = torch.arange(X.shape[0])
    last = out[rows, lengths.to(out.device) - 1]               # (B, 2H)
    H = h_n.shape[-1]
    return {"h_n forward": h_n[0], "h_n backward": h_n[1],
            "out[last] forward": last[:, :H], "out[last] backward": last[:, H:]}


passages, _ = classify.sample_passages(test_parts, 300, min_len, max_len,
                                       torch.Generator().manual_seed(11))
X, lengths = classify.pad_batch(passages, pad)
base = summaries(X, lengths)
for where in ("first", "last"):
    X2 = X.clone()
    for b, n in enumerate(lengths.tolist()):
        pos = 0 if where == "first" else n - 1
        X2[b, pos] = other_letter(X2[b, pos])
    changed = summaries(X2, lengths)
    for name in base:
        moved = ~torch.isclose(base[name], changed[name], atol=1e-6).all(dim=1)
        print(f"{where} character changed: {name:>18} changes for {moved.float().mean():.0%}")
