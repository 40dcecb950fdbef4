# expect: pass
# exercise: 3
# what: packs with enforce_sorted=False but builds the returned state by gathering each sequence's output at position length-1 from the unpacked outputs (the same values as h_n)
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
        lens = lengths.detach().cpu().long()
        inputs = F.one_hot(X.long(), self.vocab_size).to(torch.float32)
        packed_out, _ = self.rnn(pack_padded_sequence(inputs, lens, batch_first=True,
                                                      enforce_sorted=False))
        outputs, _ = pad_packed_sequence(packed_out, batch_first=True, total_length=T)
        idx = (lens - 1).to(X.device).view(B, 1, 1).expand(B, 1, outputs.shape[-1])
        state = outputs.gather(1, idx).transpose(0, 1).contiguous()  # (1, B, H)
        return self.linear(outputs), state
