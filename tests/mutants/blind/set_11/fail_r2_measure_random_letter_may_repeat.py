# expect: fail
# exercise: 4
# what: draws the replacement letter at random from all letters without excluding the original, so about 1 in 26 "changes" keep the same character and the shares are understated
# %% cell 37be6e65
letters = [c for c in "abcdefghijklmnopqrstuvwxyz" if c in vocab.token_to_idx]
letter_ids = torch.tensor([vocab[c] for c in letters])


pick = torch.Generator().manual_seed(3)


def other_letter(i):
    """Another letter for token id i: a random one."""
    return int(letter_ids[torch.randint(len(letter_ids), (1,), generator=pick)])


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
