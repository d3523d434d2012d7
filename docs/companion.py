# ---
# jupyter:
#   jupytext:
#     formats: py:percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Redo the worked example in your own notebook
#
# **What you'll do:** run the whole worked example (forward pass, gradient, update, new prediction)
# with the `byhand` package, check that you get the numbers these pages show, then change the inputs
# and see what one step does to your own network.
#
# **What you'll need:** Python 3.11 or newer, Jupyter, and `byhand` installed from a clone of this
# project's repository (`pip install .` in its folder); the published site links the repository at the top
# of every page. Download this notebook with the button above.
#
# This page is the same notebook, run when the site was built: every output below came from its cells,
# and a cell that fails stops the build.

# %%
import numpy as np

import byhand
from byhand_site import render as r

ex = byhand.load()
print(ex.name)
print("x  =", ex.x, "   y =", ex.y, "   eta =", ex.eta)
print("W1 =", ex.W1, sep="\n")
print("W2 =", ex.W2, sep="\n")

# %% [markdown]
# ## Forward: from the inputs to a loss
#
# The hidden layer computes $z^{(1)} = W^{(1)} x$ and $a^{(1)} = \sigma(z^{(1)})$, the output
# $z^{(2)} = W^{(2)} a^{(1)}$ and $\hat y = \sigma(z^{(2)})$, and the loss is $L = (y - \hat y)^2$.

# %%
f = byhand.forward(ex.W1, ex.W2, ex.x, ex.y)
print("z1    =", f.z1)
print("a1    =", f.a1)
print("y_hat =", f.y_hat)
print("loss  =", f.loss)

# %% [markdown]
# ## The gradient, three ways, and a referee
#
# `byhand.FORMS` holds the component, vector and tensor forms of $\partial L / \partial W^{(1)}$ and
# $\partial L / \partial W^{(2)}$. Central differences,
# $\bigl(L(w + h) - L(w - h)\bigr) / 2h$, estimate the same derivatives without any calculus, so they
# can referee all three.

# %%
from byhand.tolerances import REFEREE, within

dW1_num, dW2_num = byhand.central(ex.W1, ex.W2, ex.x, ex.y)
for name, form in byhand.FORMS.items():
    dW1, dW2 = form(ex.W1, ex.W2, ex.x, ex.y)
    gap = max(abs(dW1 - dW1_num).max(), abs(dW2 - dW2_num).max())
    print(f"{name:9}  largest gap to central differences: {gap:.1e}")
    assert within(dW1, dW1_num, REFEREE) and within(dW2, dW2_num, REFEREE), f"{name} disagrees with central differences"
print("dL/dW1 =", dW1, sep="\n")
print("dL/dW2 =", dW2, sep="\n")

# %% [markdown]
# ## One step, and the new prediction

# %%
s = byhand.step(ex.W1, ex.W2, ex.x, ex.y, ex.eta)
print("W1 new =", s.W1_new, sep="\n")
print("W2 new =", s.W2_new, sep="\n")
print(f"y_hat: {f.y_hat:.6f} -> {s.after.y_hat:.6f}")
print(f"loss:  {f.loss:.6f} -> {s.after.loss:.6f}")

# %% [markdown]
# ## The same numbers as the pages
#
# The pages print their values from `byhand.compute()`. The cell below checks that this notebook's
# results are those values, and shows them as the pages round them (four significant digits).

# %%
w = byhand.compute()
assert np.array_equal(f.z1, w.z1) and np.array_equal(f.a1, w.a1)
assert f.y_hat == w.y_hat and f.loss == w.loss
assert np.array_equal(s.W1_new, w.W1_new)
assert np.array_equal(s.W2_new, w.W2_new)
assert s.after.y_hat == w.y_hat_new and s.after.loss == w.loss_new
print(f"prediction {r.text(w.y_hat)} -> {r.text(w.y_hat_new)}")
print(f"loss       {r.text(w.loss)} -> {r.text(w.loss_new)}")

# %% [markdown]
# ## Your turn
#
# Change the numbers below (any input, target, weights or learning rate; more inputs or hidden units
# work too, as long as the shapes agree: `W1` is hidden units by inputs, `W2` is one row) and run the
# cell again. Try a learning rate of 10, or a target of 0.

# %%
x = np.array([1.0, -1.0, 0.5])
y = 0.0
W1 = np.array([[0.3, -0.2, 0.8], [0.5, 0.1, -0.4]])
W2 = np.array([[0.6, -0.3]])
eta = 0.5

before = byhand.forward(W1, W2, x, y)
after = byhand.step(W1, W2, x, y, eta).after
print(f"y_hat: {before.y_hat:.6f} -> {after.y_hat:.6f}")
print(f"loss:  {before.loss:.6f} -> {after.loss:.6f}")
if after.loss < before.loss:
    print("The step lowered the loss.")
else:
    print("This step raised the loss: try a smaller eta.")
