# expect: pass
# exercise: 2
# what: equal initial weights by building each model inside torch.random.fork_rng() after manual_seed(0) (the global generator is left untouched), set_forget_bias on the second; mean forget gate from all four gate blocks of the first step computed by hand and cut with unflatten; side-by-side epochs with the model order alternating, stored in a dict of dicts
# %% cell c8481ca9
def build_lm(seed=0):
    with torch.random.fork_rng():
        torch.manual_seed(seed)
        return rnnlab.RNNLM(nn.LSTM(len(vocab), num_hiddens), len(vocab)).to(device)


default_net = build_lm(0)
biased_net = build_lm(0)
set_forget_bias(biased_net.rnn, 1.0)
assert torch.equal(default_net.rnn.weight_ih_l0, biased_net.rnn.weight_ih_l0)

X, _ = next(iter(train_iter))
X1 = nn.functional.one_hot(X[:, 0], len(vocab)).float().to(device)  # first characters
with torch.no_grad():
    for name, net in [("default", default_net), ("forget bias 1", biased_net)]:
        rnn = net.rnn
        pre = X1 @ rnn.weight_ih_l0.T + rnn.bias_ih_l0 + rnn.bias_hh_l0  # zero state
        i, f, g, o = pre.unflatten(-1, (4, num_hiddens)).unbind(-2)
        print(f"{name}: mean forget gate at the start {torch.sigmoid(f).mean():.3f}")
# %% cell a14d0d27
num_epochs = rnnlab.cap_epochs(40)
runs = {"default": {"net": default_net}, "forget bias 1": {"net": biased_net}}
for run in runs.values():
    run["opt"] = torch.optim.SGD(run["net"].parameters(), lr=1)
    run["train"], run["val"] = [], []
for epoch in range(num_epochs):
    names = list(runs) if epoch % 2 == 0 else list(runs)[::-1]
    for name in names:
        run = runs[name]
        ppl, _ = rnnlab.train_epoch(run["net"], train_iter, loss, run["opt"], device,
                                    use_random_iter=False, clip_theta=1)
        run["train"].append(ppl)
        run["val"].append(rnnlab.evaluate_perplexity(run["net"], val_iter, device))

fig, ax = plt.subplots(figsize=(5, 3))
for name, run in runs.items():
    epochs = range(1, len(run["train"]) + 1)
    ax.plot(epochs, run["train"], label=f"{name}, training")
    ax.plot(epochs, run["val"], "--", label=f"{name}, held-out")
ax.set(xlabel="epoch", ylabel="perplexity", yscale="log")
ax.legend(fontsize=7)
plt.show()
for name, run in runs.items():
    print(f"{name}: after 5 epochs held-out {run['val'][min(4, num_epochs - 1)]:.2f}, "
          f"last held-out {run['val'][-1]:.2f}")
