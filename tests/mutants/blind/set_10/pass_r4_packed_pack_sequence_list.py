# expect: pass
# exercise: 3
# what: builds the packed batch with pack_sequence from the list of each row's real part (one-hot), instead of pack_padded_sequence on the padded tensor; unpacks to the batch's T; h_n as the GRU returns it (already in the caller's order)
# %% cell b6dfaabb
class PackedLineLM(nn.Module):
    """one-hot -> GRU over a packed batch -> linear; batch first."""

    def __init__(self, vocab_size, num_hiddens):
        super().__init__()
        self.vocab_size = vocab_size
        self.rnn = nn.GRU(vocab_size, num_hiddens, batch_first=True)
        self.linear = nn.Linear(num_hiddens, vocab_size)

    def forward(self, X, lengths):
        from torch.nn.utils.rnn import pack_sequence
        one_hot = F.one_hot(X.long(), self.vocab_size).to(self.linear.weight.dtype)
        rows = [one_hot[b, :n] for b, n in enumerate(torch.as_tensor(lengths).tolist())]
        packed_out, h_n = self.rnn(pack_sequence(rows, enforce_sorted=False))
        out, _ = pad_packed_sequence(packed_out, batch_first=True,
                                     total_length=X.shape[1])
        return self.linear(out), h_n
