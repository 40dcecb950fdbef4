# expect: fail
# exercise: Q2
# what: gives the unidirectional model the concatenated width 2 * 128 = 256, which matches the output width, not the parameter count (far more parameters)
# %% cell e1-ch09-measure
uni_hiddens = 2 * 128  # the bidirectional layer outputs 256 features per step
print("uni_hiddens =", uni_hiddens)
