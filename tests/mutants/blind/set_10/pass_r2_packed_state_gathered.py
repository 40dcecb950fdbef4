# expect: pass
# exercise: 3
# what: packs with enforce_sorted=False and ignores the GRU's h_n; the state is gathered from the unpacked outputs at each sequence's position lengths - 1 (the same vectors)
# %% cell b6dfaabb
class PackedLineLM(nn.Module):
    """one-hot -> GRU over a packed batch -> linear; batch first."""

    def __init__(self, vocab_size, num_hiddens):
        super().__init__()
        self.vocab_size = vocab_size
        self.rnn = nn.GRU(vocab_size, num_hiddens, batch_first=True)
        self.linear = nn.Linear(num_hiddens, vocab_size)

    def forward(self, X, lengths):
        B, T = X.shape
        lengths = torch.as_tensor(lengths)
        inputs = F.one_hot(X.long(), self.vocab_size).float()
        packed = pack_padded_sequence(inputs, lengths.cpu(), batch_first=True,
                                      enforce_sorted=False)
        out, _ = self.rnn(packed)
        out, _ = pad_packed_sequence(out, batch_first=True, total_length=T)
        last = (lengths.to(out.device) - 1).view(B, 1, 1).expand(B, 1, out.shape[-1])
        state = out.gather(1, last).transpose(0, 1).contiguous()   # (1, B, H)
        return self.linear(out), state
