# expect: pass
# exercise: 3
# what: trains with a hand-written TBPTT loop (state carried and detached, clipping with clip_grad_norm_), Adam 0.005, the two models in a list of dicts
# %% cell 2dfe27eb
def make(layer_cls):
    rnnlab.seed(0)
    return rnnlab.RNNLM(layer_cls(len(vocab), num_hiddens), len(vocab)).to(device)


def one_epoch(net, opt):
    net.train()
    state, tot, n = None, 0.0, 0
    for X, Y in train_iter:
        X, y = X.to(device), Y.T.reshape(-1).to(device)
        if state is None:
            state = net.begin_state(X.shape[0], device)
        else:
            state = tuple(s.detach() for s in state)
        logits, state = net(X, state)
        l = loss(logits, y.long())
        opt.zero_grad(set_to_none=True)
        l.backward()
        nn.utils.clip_grad_norm_(net.parameters(), 1.0)
        opt.step()
        tot += l.item() * y.numel(); n += y.numel()
    return math.exp(tot / n)


models = [dict(name="coupled", net=make(CoupledLSTM)), dict(name="nn.LSTM", net=make(nn.LSTM))]
for m in models:
    m["opt"] = torch.optim.Adam(m["net"].parameters(), lr=0.005)
    m["train"], m["held"] = [], []
for epoch in range(rnnlab.cap_epochs(30)):
    for m in models:
        m["train"].append(one_epoch(m["net"], m["opt"]))
        m["held"].append(rnnlab.evaluate_perplexity(m["net"], val_iter, device))
for m in models:
    n_par = sum(p.numel() for p in m["net"].rnn.parameters())
    print(f"{m['name']:>8}: {n_par} recurrent parameters, training {m['train'][-1]:.2f}, "
          f"held-out last {m['held'][-1]:.2f}, lowest {min(m['held']):.2f}")
coupled_net = models[0]["net"]
