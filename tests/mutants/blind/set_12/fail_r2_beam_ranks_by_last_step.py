# expect: fail
# exercise: 2
# what: ranks the extensions by the new token's log-probability alone (not added to the hypothesis total); the totals are still summed for the reported score
# %% cell 7157dcd8
def beam_search(step, state, bos, eos, beam_size, max_len):
    """The best finished hypothesis (ids, score) of a beam search over step()."""
    device_ = state.device if torch.is_tensor(state) else "cpu"
    seqs = torch.empty(1, 0, dtype=torch.long, device=device_)      # tokens so far, no bos
    totals = torch.zeros(1, dtype=torch.float64, device=device_)
    last = torch.full((1,), bos, dtype=torch.long, device=device_)
    finished = []
    while seqs.shape[0] > 0:
        log_probs, state = step(last, state)
        V = log_probs.shape[-1]
        cand = (totals[:, None] + log_probs.double()).reshape(-1)
        order = torch.sort(log_probs.double().reshape(-1), descending=True).indices[:min(beam_size, cand.numel())]
        parents = torch.div(order, V, rounding_mode="floor")
        tokens = order % V
        new_seqs = torch.cat([seqs[parents], tokens[:, None]], dim=1)
        new_totals = cand[order]
        is_eos = tokens == eos
        at_limit = torch.full_like(is_eos, new_seqs.shape[1] >= max_len)
        for r in torch.nonzero(is_eos | at_limit).flatten().tolist():
            ids = new_seqs[r].tolist()
            if is_eos[r]:
                ids = ids[:-1]
            finished.append((float(new_totals[r]), ids))
        keep = torch.nonzero(~(is_eos | at_limit)).flatten()
        seqs, totals, last = new_seqs[keep], new_totals[keep], tokens[keep]
        state = state.index_select(0, parents[keep])
    score, ids = max(finished, key=lambda item: item[0])
    return ids, score
