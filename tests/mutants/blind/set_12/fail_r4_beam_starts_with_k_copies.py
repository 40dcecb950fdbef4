# expect: fail
# exercise: 2
# what: starts the search from beam_size copies of the start hypothesis (state repeated, bos in every row, all totals 0), so the first step's top beam_size extensions are the same extension several times and the beam holds duplicates instead of beam_size different hypotheses
# %% cell 7157dcd8
def beam_search(step, state, bos, eos, beam_size, max_len):
    """The best finished hypothesis (ids, score) of a beam search over step()."""
    hyps = [[] for _ in range(beam_size)]
    totals = torch.zeros(beam_size)
    state = state.repeat_interleave(beam_size, dim=0)  # one row per beam slot
    tokens = torch.full((beam_size,), bos, dtype=torch.long, device=state.device)
    finished = []
    while hyps:
        log_probs, state = step(tokens, state)
        vocab_size = log_probs.shape[-1]
        candidates = (totals.to(log_probs.device)[:, None] + log_probs).reshape(-1)
        top, index = candidates.topk(min(beam_size, len(candidates)))
        new_hyps, new_totals, rows, new_tokens = [], [], [], []
        for score, i in zip(top.tolist(), index.tolist()):
            parent, token = i // vocab_size, i % vocab_size
            if token == eos:
                finished.append((hyps[parent], score))
            elif len(hyps[parent]) + 1 == max_len:
                finished.append((hyps[parent] + [token], score))
            else:
                new_hyps.append(hyps[parent] + [token])
                new_totals.append(score)
                rows.append(parent)
                new_tokens.append(token)
        hyps = new_hyps
        if hyps:
            totals = torch.tensor(new_totals)
            state = state[torch.tensor(rows, device=state.device)]
            tokens = torch.tensor(new_tokens, device=state.device)
    ids, score = max(finished, key=lambda item: item[1])
    return ids, float(score)
