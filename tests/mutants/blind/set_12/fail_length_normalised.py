# expect: fail
# exercise: 2
# what: picks the finished hypothesis with the best per-token (length-normalised) score, not the highest summed score the text asks for
# %% cell 7157dcd8
def beam_search(step, state, bos, eos, beam_size, max_len):
    """The best finished hypothesis (ids, score) of a beam search over step()."""
    live = [([], 0.0)]          # (ids, score)
    last = [bos]
    finished = []
    while live:
        tokens = torch.tensor(last, dtype=torch.long)
        log_probs, state = step(tokens, state)
        log_probs = log_probs.double()
        candidates = []
        for h, (ids, score) in enumerate(live):
            for tok in range(log_probs.shape[1]):
                candidates.append((score + log_probs[h, tok].item(), h, tok))
        candidates.sort(key=lambda c: c[0], reverse=True)
        kept = candidates[:beam_size]
        new_live, new_last, rows = [], [], []
        for score, h, tok in kept:
            ids = live[h][0]
            if tok == eos:
                finished.append((ids, score))
            elif len(ids) + 1 >= max_len:
                finished.append((ids + [tok], score))
            else:
                new_live.append((ids + [tok], score))
                new_last.append(tok)
                rows.append(h)
        live, last = new_live, new_last
        if live:
            state = state.index_select(0, torch.tensor(rows, dtype=torch.long,
                                                       device=state.device))
    ids, score = max(finished, key=lambda f: f[1] / (len(f[0]) + 1))
    return list(ids), float(score)
