# expect: fail
# exercise: Q2
# what: counts only the H*H recurrent weights (params ~ H^2) and scales 128 by sqrt(2), ignoring input weights, biases and the output layer, so the count is not actually matched
# %% cell e1-ch09-measure
bi_hiddens = 128
# a GRU has 3 * H * H recurrent weights; two directions double them, so H grows by sqrt(2)
uni_hiddens = round(bi_hiddens * math.sqrt(2))
print(f"bidirectional: {2 * 3 * bi_hiddens ** 2:,} recurrent weights")
print(f"unidirectional with the same budget: {uni_hiddens} hidden units, "
      f"{3 * uni_hiddens ** 2:,} recurrent weights")
