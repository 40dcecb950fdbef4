# expect: fail
# exercise: 2
# what: lets hypotheses grow to max_len + 1 tokens (tests len(ids) > max_len after extending), so an output one token too long can win
# %% cell 7157dcd8
def beam_search(step, state, bos, eos, beam_size, max_len):
    """The best finished hypothesis (ids, score) of a beam search over step()."""
    hyps, totals = [[]], torch.zeros(1)
    last = torch.tensor([bos])
    finished = []
    while hyps:
        log_probs, new_state = step(last, state)
        V = log_probs.shape[1]
        candidates = (totals[:, None] + log_probs.detach().cpu()).reshape(-1)
        top, index = candidates.topk(min(beam_size, len(candidates)))
        rows, next_hyps, next_tokens, next_totals = [], [], [], []
        for score, i in zip(top.tolist(), index.tolist()):
            h, tok = i // V, i % V
            if tok == eos:
                finished.append((hyps[h], score))
            elif len(hyps[h]) + 1 > max_len:
                finished.append((hyps[h] + [tok], score))
            else:
                rows.append(h)
                next_hyps.append(hyps[h] + [tok])
                next_tokens.append(tok)
                next_totals.append(score)
        if rows:
            state = new_state[torch.tensor(rows)]
        hyps, totals, last = next_hyps, torch.tensor(next_totals), torch.tensor(next_tokens, dtype=torch.long)
    ids, score = max(finished, key=lambda f: f[1])
    return ids, score
