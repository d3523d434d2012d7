"""Arithmetic on printed numbers, read from TeX: what a reader evaluates when redoing a line by hand.

[`evaluate`][byhand.texarith.evaluate] reads decimal numbers (``1.5``, ``1.2 \\times 10^{-5}``),
``+ -``, products (``\\cdot``, ``\\times``, ``\\odot`` entry by entry, or juxtaposition such as
``2(0.5 - 1)``), ``pmatrix``, ``\\sigma(...)``, ``e^{...}``, whole powers and ``\\frac``. Anything else
(a symbol such as ``x`` or ``\\hat y``) raises [`NotArithmetic`][byhand.texarith.NotArithmetic].
Arithmetic is exact decimal arithmetic (50 digits). A printed number remembers how many decimals it
shows ([`Literal`][byhand.texarith.Literal]); the result of an operation is a plain ``Decimal``.
"""


from __future__ import annotations

import re
from decimal import Decimal, localcontext

Value = Decimal | list  # a number, or a matrix as a list of rows of numbers
DIGITS = 50
_TOKEN = re.compile(r"\s*(\d+\.?\d*|\.\d+|[a-zA-Z]+|\\[a-zA-Z]+|\\\\(?:\[[^\]]*\])?|\\.|.)", re.S)
_SKIP = {r"\,", r"\;", r"\:", r"\!", r"\ ", r"\left", r"\right", r"\bigl", r"\bigr", r"\Bigl", r"\Bigr",
         r"\big", r"\Big", r"\biggl", r"\biggr", r"\quad", r"\qquad", r"\displaystyle"}
_TIMES = {r"\cdot", r"\times"}
_OPEN = {"(": ")", "[": "]", "{": "}"}


class NotArithmetic(ValueError):
    """The TeX holds something other than arithmetic on printed numbers."""


class Literal(Decimal):
    """A number as printed, with the decimals it shows: ``Literal("0.50")`` shows 2."""

    decimals: int

    def __new__(cls, printed: str, exponent: int = 0):
        self = super().__new__(cls, Decimal(printed).scaleb(exponent))
        self.decimals = (len(printed.split(".")[1]) if "." in printed else 0) - exponent
        return self


def tokens(tex: str) -> list[str]:
    """The TeX as tokens, spacing and sizing commands dropped."""
    return [t for t in _TOKEN.findall(tex) if t.strip() and t not in _SKIP]


class _Parser:
    def __init__(self, tex: str):
        self.tex, self.t, self.k = tex, tokens(tex), 0

    def peek(self) -> str | None:
        return self.t[self.k] if self.k < len(self.t) else None

    def take(self, expected: str | None = None) -> str:
        token = self.peek()
        if token is None or (expected is not None and token != expected):
            raise NotArithmetic(f"expected {expected or 'more'} at token {self.k} of {self.tex!r}, got {token!r}")
        self.k += 1
        return token

    def whole(self) -> Value:
        value = self.sum()
        if self.peek() is not None:
            raise NotArithmetic(f"cannot read {self.peek()!r} at token {self.k} of {self.tex!r}")
        return value

    def sum(self) -> Value:
        value = self.product()
        while self.peek() in ("+", "-"):
            sign = self.take()
            right = self.product()
            value = _map2(value, right, (lambda a, b: a + b) if sign == "+" else (lambda a, b: a - b))
        return value

    def product(self) -> Value:
        value = self.signed()
        while True:
            token = self.peek()
            if token in _TIMES or token == r"\odot":
                self.take()
                right = self.signed()
                value = _map2(value, right, lambda a, b: a * b) if token == r"\odot" else _times(value, right)
            elif token is not None and (token in _OPEN or token[0].isdigit() or token in _STARTS):
                value = _times(value, self.power())  # juxtaposition: 2(0.5 - 1), 0.1\begin{pmatrix}...
            else:
                return value

    def signed(self) -> Value:
        if self.peek() in ("-", "+"):
            sign = self.take()
            value = self.signed()
            return _map(value, _negate) if sign == "-" else value
        return self.power()

    def power(self) -> Value:
        base = self.atom()
        if self.peek() == "^":
            self.take()
            exponent = self.group()
            if not isinstance(exponent, Decimal) or exponent != exponent.to_integral_value():
                raise NotArithmetic(f"only whole powers can be redone by hand: {self.tex!r}")
            result = base
            for _ in range(int(exponent) - 1):
                result = _times(result, base)
            return result
        return base

    def group(self) -> Value:
        """A braced group or a single token, as after ``^`` or in ``\\frac``."""
        if self.peek() == "{":
            self.take()
            value = self.sum()
            self.take("}")
            return value
        return self.atom()

    def atom(self) -> Value:
        token = self.take()
        if token[0].isdigit() or token[0] == ".":
            if self.t[self.k:self.k + 3] == [r"\times", "10", "^"]:  # 1.2 \times 10^{-5}: one printed number
                self.k += 3
                exponent = self.group()
                return Literal(token, int(exponent))
            return Literal(token)
        if token in _OPEN:
            value = self.sum()
            self.take(_OPEN[token])
            return value
        if token == r"\begin":
            return self.matrix()
        if token == r"\sigma":
            return _map(self.atom(), _sigmoid)
        if token == "e" and self.peek() == "^":
            self.take()
            return _map(self.group(), lambda a: a.exp())
        if token in (r"\frac", r"\dfrac", r"\tfrac"):
            top, bottom = self.group(), self.group()
            return _map2(top, bottom, lambda a, b: a / b)
        raise NotArithmetic(f"{token!r} is not a number or an operation, in {self.tex!r}")

    def matrix(self) -> list:
        env = "".join(self.take() for _ in range(3))
        if env not in ("{pmatrix}", "{bmatrix}", "{matrix}"):
            raise NotArithmetic(f"\\begin{env} is not a matrix, in {self.tex!r}")
        rows, row = [], []
        while True:
            row.append(self.sum())
            token = self.take()
            if token == "&":
                continue
            rows.append(row)
            row = []
            if token == r"\end":
                if "".join(self.take() for _ in range(3)) != env:
                    raise NotArithmetic(f"\\begin{env} is not closed in {self.tex!r}")
                break
            if not token.startswith("\\\\"):
                raise NotArithmetic(f"unexpected {token!r} in a matrix, in {self.tex!r}")
        if any(not isinstance(v, Decimal) for r in rows for v in r) or len({len(r) for r in rows}) != 1:
            raise NotArithmetic(f"a matrix must hold numbers in rows of equal length: {self.tex!r}")
        return rows


_STARTS = {r"\begin", r"\sigma", r"\frac"}


def _negate(a: Decimal) -> Decimal:
    """Minus a number; a printed number stays printed (``-0.5`` is a literal)."""
    if not isinstance(a, Literal):
        return -a
    negated = Decimal.__new__(Literal, -Decimal(a))
    negated.decimals = a.decimals
    return negated


def _sigmoid(a: Decimal) -> Decimal:
    return 1 / (1 + (-a).exp())


def _map(v: Value, f) -> Value:
    return [[f(a) for a in row] for row in v] if isinstance(v, list) else f(v)


def _map2(u: Value, v: Value, f) -> Value:
    """Entry by entry (a scalar meets every entry); shapes must match."""
    if isinstance(u, list) and isinstance(v, list):
        if (len(u), len(u[0])) != (len(v), len(v[0])):
            raise NotArithmetic(f"shapes {len(u)}x{len(u[0])} and {len(v)}x{len(v[0])} do not match")
        return [[f(a, b) for a, b in zip(r, s)] for r, s in zip(u, v)]
    if isinstance(u, list):
        return [[f(a, v) for a in r] for r in u]
    if isinstance(v, list):
        return [[f(u, b) for b in r] for r in v]
    return f(u, v)


def _times(u: Value, v: Value) -> Value:
    """A product: scalar times anything, or a matrix product."""
    if isinstance(u, list) and isinstance(v, list):
        if len(u[0]) != len(v):
            raise NotArithmetic(f"cannot multiply a {len(u)}x{len(u[0])} by a {len(v)}x{len(v[0])} matrix")
        return [[sum((a * b for a, b in zip(row, col)), Decimal(0)) for col in zip(*v)] for row in u]
    return _map2(u, v, lambda a, b: a * b)


def evaluate(tex: str) -> Value:
    """The exact value of a TeX arithmetic expression on printed numbers.

    Raises
    ------
    NotArithmetic
        Where the TeX holds anything else, naming what it could not read.
    """
    with localcontext() as context:
        context.prec = DIGITS
        return _Parser(tex).whole()


def is_literal(tex: str) -> bool:
    """Whether ``tex`` is printed numbers only (a number or a matrix of numbers), no operation."""
    try:
        value = evaluate(tex)
    except NotArithmetic:
        return False
    return all(isinstance(v, Literal) for v in entries(value))


def scalar(value: Value) -> Value:
    """A 1 x 1 matrix is its one number: a row times a column prints as a number."""
    return value[0][0] if isinstance(value, list) and len(value) == len(value[0]) == 1 else value


def entries(value: Value) -> list:
    return [a for row in value for a in row] if isinstance(value, list) else [value]


