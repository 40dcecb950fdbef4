# expect: pass
# exercise: Q2
# what: solves the parameter-count equation 3h^2 + (3(V+1) + 6 + V) h + V = bi in closed form and rounds to the nearest integer
# %% cell e1-ch09-measure
V, hb = len(vocab), 128
bi = 2 * 3 * (hb * (V + 1) + hb * hb + 2 * hb) + (2 * hb) * V + V
a, b, c = 3, 3 * (V + 1) + 6 + V, V - bi
h_exact = (-b + math.sqrt(b * b - 4 * a * c)) / (2 * a)
uni_hiddens = int(round(h_exact))
print(f"h = {h_exact:.2f} -> uni_hiddens = {uni_hiddens}")
