# expect: fail
# exercise: Q2
# what: shortcut "parameters grow like h^2, so multiply by sqrt(2)": 181 units, ignoring the input and output layers' linear terms (about 9,000 parameters short)
# %% cell e1-ch09-measure
uni_hiddens = round(128 * math.sqrt(2))
print("uni_hiddens =", uni_hiddens)
