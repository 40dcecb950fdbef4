# expect: fail
# exercise: Q2
# what: assumes twice the parameters needs twice the hidden units (256), which gives the unidirectional model far more parameters (the recurrent count grows with H squared)
# %% cell e1-ch09-measure
bi_hiddens = 128
# the bidirectional model has two GRUs of 128 units: 2 x 128 units in one direction
uni_hiddens = 2 * bi_hiddens
print(f"unidirectional with the same budget: {uni_hiddens} hidden units")
