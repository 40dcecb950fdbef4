# expect: pass
# exercise: Q2
# what: counts the parameters of whole BlankFiller models (GRU on vocab + blank inputs plus the output layer) and finds uni_hiddens by bisection on the monotone count, then keeps whichever neighbour is closer
# %% cell e1-ch09-measure
# chapter 9's blank filler, as in the chapter
corpus, vocab = rnnlab.load_corpus_time_machine(max_tokens=20000)
split = int(0.9 * len(corpus))
num_steps, mask_prob = 35, 0.15
blank = len(vocab)


def windows(ids, num_steps):
    ids = torch.tensor(ids)
    n = len(ids) // num_steps
    return ids[:n * num_steps].reshape(n, num_steps)


def add_blanks(X, mask_prob, generator):
    mask = torch.rand(X.shape, generator=generator) < mask_prob
    return torch.where(mask, blank, X), mask


train_windows, test_windows = windows(corpus[:split], num_steps), windows(
    corpus[split:], num_steps)
test_inputs, test_mask = add_blanks(test_windows, mask_prob,
                                    torch.Generator().manual_seed(123))


class BlankFiller(nn.Module):
    def __init__(self, vocab_size, num_hiddens, bidirectional):
        super().__init__()
        self.vocab_size = vocab_size
        self.rnn = nn.GRU(vocab_size + 1, num_hiddens, bidirectional=bidirectional)
        self.linear = nn.Linear(num_hiddens * (2 if bidirectional else 1), vocab_size)

    def forward(self, X):
        inputs = F.one_hot(X.T, self.vocab_size + 1).float()
        outputs, _ = self.rnn(inputs)
        return self.linear(outputs).transpose(0, 1)


def train_filler(net, train_windows, num_epochs, lr=0.01, batch_size=64):
    net.to(device)
    optimizer = torch.optim.Adam(net.parameters(), lr)
    generator = torch.Generator().manual_seed(0)
    for epoch in range(rnnlab.cap_epochs(num_epochs)):
        order = torch.randperm(len(train_windows), generator=generator)
        for i in range(0, len(order) - batch_size + 1, batch_size):
            X = train_windows[order[i:i + batch_size]]
            inputs, mask = add_blanks(X, mask_prob, generator)
            X, inputs, mask = X.to(device), inputs.to(device), mask.to(device)
            loss = F.cross_entropy(net(inputs)[mask], X[mask])
            optimizer.zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_(net.parameters(), 1.0)
            optimizer.step()
    return net


@torch.no_grad()
def fill_accuracy(net, inputs, targets, mask):
    pred = net(inputs.to(device)).argmax(dim=-1).cpu()
    return (pred[mask] == targets[mask]).float().mean().item(), pred


fill_hiddens, fill_epochs = 128, 60


def filler_params(h, bidirectional):
    net = BlankFiller(len(vocab), h, bidirectional)
    return sum(p.numel() for p in net.parameters())


target = filler_params(fill_hiddens, True)
lo, hi = 1, 4 * fill_hiddens           # count(lo) < target <= count(hi)
while hi - lo > 1:
    mid = (lo + hi) // 2
    if filler_params(mid, False) < target:
        lo = mid
    else:
        hi = mid
uni_hiddens = min((lo, hi), key=lambda h: abs(filler_params(h, False) - target))
print(f"bidirectional filler: {target:,} parameters; unidirectional with "
      f"{uni_hiddens} hidden units: {filler_params(uni_hiddens, False):,}")
