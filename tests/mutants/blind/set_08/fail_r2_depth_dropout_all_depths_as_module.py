# expect: fail
# exercise: 2
# what: puts dropout 0.2 on the GRU's inputs (an nn.Dropout before the layer, GRU built with dropout=0) instead of between layers, so the 1-layer model gets dropout and the deep ones none between layers
# %% cell 46d7095c
depths, dropout = (1, 2, 3), 0.2

def build(L):
    rnnlab.seed(0)
    gru = nn.GRU(len(vocab), num_hiddens, num_layers=L)
    class DroppedGRU(nn.Module):
        def __init__(self):
            super().__init__()
            self.drop, self.gru = nn.Dropout(dropout), gru
            self.hidden_size, self.num_layers, self.bidirectional = num_hiddens, L, False
        def forward(self, inputs, state):
            return self.gru(self.drop(inputs), state)
    return rnnlab.RNNLM(DroppedGRU(), len(vocab)).to(device)

models = {L: build(L) for L in depths}
optimizers = {L: torch.optim.Adam(models[L].parameters(), lr=0.005) for L in depths}
# %% cell 10b3d1e2
train_ppl = {L: None for L in depths}
seconds = {L: [] for L in depths}
for epoch in range(rnnlab.cap_epochs(num_epochs)):
    for L in depths:
        t0 = time.time()
        train_ppl[L], _ = rnnlab.train_epoch(models[L], train_iter, loss, optimizers[L],
                                             device, use_random_iter=False, clip_theta=1)
        seconds[L].append(time.time() - t0)
heldout = {L: rnnlab.evaluate_perplexity(models[L], val_iter, device) for L in depths}
for L in depths:
    n = sum(p.numel() for p in models[L].parameters())
    print(f"{L} layer(s): {n:,} parameters, training {train_ppl[L]:.2f}, "
          f"validation {heldout[L]:.2f}, {sum(seconds[L]) / len(seconds[L]):.2f} s per epoch")
plt.bar([str(L) for L in depths], [heldout[L] for L in depths])
plt.xlabel("layers"); plt.ylabel("validation perplexity"); plt.show()
