# expect: pass
# exercise: 4
# what: held-out passages, first / last real character replaced by a different letter, share of passages whose h_n halves and whose outputs at lengths-1 halves change, per half
# %% cell 37be6e65
probe_passages, _ = classify.sample_passages(test_parts, 200, min_len, max_len,
                                             torch.Generator().manual_seed(3))
Xp, lengths_p = classify.pad_batch(probe_passages, pad)
Xp, lengths_d = Xp.to(device), lengths_p.to(device)
rows = torch.arange(len(lengths_p), device=device)
H = net.rnn.forward_rnn.hidden_size
a, e = vocab["a"], vocab["e"]


@torch.no_grad()
def summaries(X):
    net.eval()
    outputs, h_n = net.rnn(net.embedding(X), lengths_d)
    last = outputs[rows, lengths_d - 1]
    return {"h_n forward": h_n[0], "h_n backward": h_n[1],
            "out[last] forward": last[:, :H], "out[last] backward": last[:, H:]}


base = summaries(Xp)
share = {}
for where, pos in (("first", torch.zeros_like(lengths_d)), ("last", lengths_d - 1)):
    X2 = Xp.clone()
    old = X2[rows, pos]
    X2[rows, pos] = torch.where(old == e, torch.full_like(old, a), torch.full_like(old, e))
    changed = summaries(X2)
    share[where] = {k: ((changed[k] - base[k]).abs().amax(-1) > 1e-6).float().mean().item()
                    for k in base}
print(f"{'summary half':20s}{'first char changed':>20s}{'last char changed':>20s}")
for k in base:
    print(f"{k:20s}{share['first'][k]:20.0%}{share['last'][k]:20.0%}")
