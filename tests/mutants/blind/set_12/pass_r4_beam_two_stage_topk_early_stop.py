# expect: pass
# exercise: 2
# what: two-stage selection (each hypothesis's own top beam_size tokens, then the best beam_size of those, which is the same set as a global topk), scores kept in float64, and an early stop once the best finished score beats every live total (scores can only fall, so the answer is unchanged)
# %% cell 7157dcd8
def beam_search(step, state, bos, eos, beam_size, max_len):
    """The best finished hypothesis (ids, score) of a beam search over step()."""
    live = [[]]                                        # ids of each live hypothesis
    totals = torch.zeros(1, dtype=torch.float64)
    last = torch.tensor([bos])
    finished = []                                      # (score, ids)
    while live:
        log_probs, new_state = step(last.to(state.device), state)
        log_probs = log_probs.detach().to("cpu", torch.float64)
        k, vocab_size = log_probs.shape
        per_row = min(beam_size, vocab_size)
        row_best, row_tokens = log_probs.topk(per_row, dim=1)         # (k, per_row)
        scores = (totals[:, None] + row_best).reshape(-1)
        keep = min(beam_size, scores.numel())
        top_scores, flat = scores.topk(keep)
        parents = (flat // per_row).tolist()
        tokens = row_tokens.reshape(-1)[flat].tolist()
        next_live, next_totals, rows = [], [], []
        for score, parent, token in zip(top_scores.tolist(), parents, tokens):
            if token == eos:
                finished.append((score, live[parent]))
            elif len(live[parent]) + 1 >= max_len:
                finished.append((score, live[parent] + [token]))
            else:
                next_live.append(live[parent] + [token])
                next_totals.append(score)
                rows.append(parent)
        live = next_live
        if not live:
            break
        totals = torch.tensor(next_totals, dtype=torch.float64)
        index = torch.tensor(rows, device=new_state.device)
        state = new_state.index_select(0, index)
        last = torch.tensor([ids[-1] for ids in live])
        if finished and max(s for s, _ in finished) > max(next_totals):
            break                                      # no live one can catch up
    score, ids = max(finished, key=lambda item: item[0])
    return ids, float(score)
