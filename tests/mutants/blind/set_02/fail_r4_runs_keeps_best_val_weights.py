# expect: fail
# exercise: 1
# what: each run keeps a copy of its weights at the epoch of LOWEST validation perplexity and stores those in runs[name]["net"] instead of the trained model, so the model the check evaluates on val_iter was chosen on that very text (its figure flatters it)
# %% cell 41a6faa3
corpus, vocab = rnnlab.load_corpus("time_machine", "char")
train_ids, val_ids = train_val_split(corpus, 0.1)
val_iter = rnnlab.SeqDataLoader(val_ids, 8, num_steps, random_offset=False)
print(f"{len(train_ids):,} training and {len(val_ids):,} validation characters")


def run(train_tokens, num_epochs):
    """Train a fresh 256-unit GRU LM; keep the weights of its best validation epoch."""
    rnnlab.seed(0)
    net = rnnlab.RNNLM(nn.GRU(len(vocab), 256), len(vocab)).to(device)
    train_iter = rnnlab.SeqDataLoader(train_tokens, batch_size, num_steps)
    loss, optimizer = nn.CrossEntropyLoss(), torch.optim.Adam(net.parameters(), 0.01)
    record = {"updates": [], "train": [], "val": []}
    best_ppl, best_state = math.inf, None
    for epoch in range(1, rnnlab.cap_epochs(num_epochs) + 1):
        ppl, _ = rnnlab.train_epoch(net, train_iter, loss, optimizer, device,
                                    use_random_iter=False)
        val_ppl = rnnlab.evaluate_perplexity(net, val_iter, device)
        record["updates"].append(epoch * len(train_iter))
        record["train"].append(ppl)
        record["val"].append(val_ppl)
        if val_ppl < best_ppl:
            best_ppl, best_state = val_ppl, copy.deepcopy(net.state_dict())
    net.load_state_dict(best_state)          # the model at its best
    record["net"] = net
    return record


runs = {"10,000 characters": run(train_ids[:10000], 60),
        "whole book": run(train_ids, 4)}

fig, ax = plt.subplots(figsize=(5, 3))
for i, (name, r) in enumerate(runs.items()):
    ax.plot(r["updates"], r["train"], f"C{i}-", label=f"{name}, training")
    ax.plot(r["updates"], r["val"], f"C{i}--", label=f"{name}, validation")
ax.set(xlabel="updates", ylabel="perplexity", yscale="log")
ax.legend(fontsize=8)
plt.show()
print(f"{'run':20} {'training':>9} {'validation':>11} {'best validation':>16}")
for name, r in runs.items():
    print(f"{name:20} {r['train'][-1]:9.2f} {r['val'][-1]:11.2f} {min(r['val']):16.2f}")
