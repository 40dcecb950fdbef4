# expect: pass
# exercise: Q2
# what: writes both parameter counts as formulas (GRU on vocab + blank inputs, both biases, output layer) and solves the quadratic 3h^2 + (3(V+1) + 6 + V)h + V = target, then keeps whichever of floor/ceil is closer
# %% cell e1-ch09-measure
V, h_bi = len(vocab), 128

def gru_params(num_inputs, h):
    return 3 * h * num_inputs + 3 * h * h + 6 * h   # W_ih, W_hh, b_ih, b_hh

def filler_params(h, directions):
    return directions * gru_params(V + 1, h) + directions * h * V + V

target = filler_params(h_bi, 2)
a, b, c = 3, 3 * (V + 1) + 6 + V, V - target
root = (-b + math.sqrt(b * b - 4 * a * c)) / (2 * a)
candidates = [math.floor(root), math.ceil(root)]
uni_hiddens = min(candidates, key=lambda h: abs(filler_params(h, 1) - target))
print(f"bidirectional filler, 128 units per direction: {target:,} parameters")
print(f"unidirectional filler with {uni_hiddens} units: {filler_params(uni_hiddens, 1):,}")
