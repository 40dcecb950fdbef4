# expect: pass
# exercise: 2
# what: one dataclass record per size (net, optimizer, per-epoch lists), built by a helper that seeds; side by side via dict iteration with explicit clip_theta=1.0; tokens/s averaged over the epochs; models/heldout derived from the records afterwards
# %% cell 4b0709f7
sizes, num_epochs, lr = (64, 128, 256, 512), 25, 1
from dataclasses import dataclass, field


@dataclass
class Run:
    net: nn.Module
    opt: torch.optim.Optimizer
    ppl: list = field(default_factory=list)
    tps: list = field(default_factory=list)


def build(h):
    rnnlab.seed(0)
    net = rnnlab.RNNLM(nn.RNN(len(vocab), h), len(vocab)).to(device)
    return Run(net, torch.optim.SGD(net.parameters(), lr=lr))


runs = {h: build(h) for h in sizes}
criterion = nn.CrossEntropyLoss()
for epoch in range(rnnlab.cap_epochs(num_epochs)):
    for h, run in runs.items():
        p, t = rnnlab.train_epoch(run.net, train_iter, criterion, run.opt, device,
                                  use_random_iter=False, clip_theta=1.0)
        run.ppl.append(p)
        run.tps.append(t)
models = {h: run.net for h, run in runs.items()}
heldout = {h: rnnlab.evaluate_perplexity(run.net, val_iter, device) for h, run in runs.items()}
train_ppl = {h: run.ppl[-1] for h, run in runs.items()}
speed = {h: sum(run.tps) / len(run.tps) for h, run in runs.items()}
# %% cell 43dadac3
print(f"{'hidden':>6} {'train ppl':>10} {'held-out ppl':>13} {'tokens/s':>10}")
for h in sizes:
    print(f"{h:6d} {train_ppl[h]:10.2f} {heldout[h]:13.2f} {speed[h]:10,.0f}")
plt.plot(sizes, [heldout[h] for h in sizes], "o-")
plt.xscale("log", base=2); plt.xlabel("hidden units"); plt.ylabel("validation perplexity")
plt.show()
