# expect: pass
# exercise: 2
# what: candidates enumerated in plain Python (score, hypothesis, token) and sorted, finished hypotheses collected in a list, state rows picked with index_select, float64 running scores
# %% cell 7157dcd8
def beam_search(step, state, bos, eos, beam_size, max_len):
    """The best finished hypothesis (ids, score) of a beam search over step()."""
    live = [([], 0.0)]          # (ids without bos, score)
    last = [bos]
    finished = []
    while live:
        tokens = torch.tensor(last, dtype=torch.long)
        log_probs, new_state = step(tokens, state)
        lp = log_probs.detach().double().cpu()
        candidates = []
        for h, (ids, score) in enumerate(live):
            for tok in range(lp.shape[1]):
                candidates.append((score + lp[h, tok].item(), h, tok))
        candidates.sort(key=lambda c: c[0], reverse=True)
        keep = candidates[:beam_size]
        next_live, next_last, rows = [], [], []
        for score, h, tok in keep:
            ids = live[h][0]
            if tok == eos:
                finished.append((ids, score))
            elif len(ids) + 1 >= max_len:
                finished.append((ids + [tok], score))
            else:
                next_live.append((ids + [tok], score))
                next_last.append(tok)
                rows.append(h)
        if rows:
            index = torch.tensor(rows, dtype=torch.long, device=new_state.device)
            state = new_state.index_select(0, index)
        live, last = next_live, next_last
    ids, score = max(finished, key=lambda f: f[1])
    return [int(i) for i in ids], float(score)
