# expect: pass
# exercise: 3
# what: sorts the batch by length itself, packs with enforce_sorted=True, and undoes the permutation on both the logits and the final state
# %% cell b6dfaabb
class PackedLineLM(nn.Module):
    """one-hot -> GRU over a packed batch -> linear; batch first."""

    def __init__(self, vocab_size, num_hiddens):
        super().__init__()
        self.vocab_size = vocab_size
        self.rnn = nn.GRU(vocab_size, num_hiddens, batch_first=True)
        self.linear = nn.Linear(num_hiddens, vocab_size)

    def forward(self, X, lengths):
        T = X.shape[1]
        lengths = torch.as_tensor(lengths).cpu()
        sorted_lengths, order = torch.sort(lengths, descending=True)
        unsort = torch.empty_like(order)
        unsort[order] = torch.arange(len(order))
        order_d, unsort_d = order.to(X.device), unsort.to(X.device)
        inputs = F.one_hot(X[order_d].long(), self.vocab_size).float()
        packed = pack_padded_sequence(inputs, sorted_lengths, batch_first=True,
                                      enforce_sorted=True)
        out, h_n = self.rnn(packed)
        out, _ = pad_packed_sequence(out, batch_first=True, total_length=T)
        logits = self.linear(out)[unsort_d]
        return logits, h_n[:, unsort_d]
