# expect: fail
# exercise: 2
# what: treats a hypothesis that reaches max_len without eos as a failed one: it is dropped (kept only as a fallback when nothing ended with eos), so a cut hypothesis with the highest score never wins although the text counts it as finished
# %% cell 7157dcd8
def beam_search(step, state, bos, eos, beam_size, max_len):
    """The best finished hypothesis (ids, score) of a beam search over step()."""
    hyps, totals = [[]], torch.zeros(1)
    tokens = torch.tensor([bos], device=state.device)
    finished, cut = [], []
    while hyps:
        log_probs, state = step(tokens, state)
        vocab_size = log_probs.shape[-1]
        candidates = (totals.to(log_probs.device)[:, None] + log_probs).reshape(-1)
        top, index = candidates.topk(min(beam_size, candidates.numel()))
        live, live_totals, rows = [], [], []
        for score, i in zip(top.tolist(), index.tolist()):
            parent, token = i // vocab_size, i % vocab_size
            if token == eos:
                finished.append((score, hyps[parent]))
            elif len(hyps[parent]) + 1 == max_len:
                cut.append((score, hyps[parent] + [token]))  # ran out of room
            else:
                live.append(hyps[parent] + [token])
                live_totals.append(score)
                rows.append(parent)
        hyps = live
        if hyps:
            totals = torch.tensor(live_totals)
            state = state[torch.tensor(rows, device=state.device)]
            tokens = torch.tensor([h[-1] for h in hyps], device=state.device)
    score, ids = max(finished or cut, key=lambda item: item[0])
    return ids, float(score)
