"""``extends: metric``: a formula over the document's counts, reported when ``condition`` holds.

Variables are the text counts (``words``, ``sentences``, ``syllables``,
``long_words``, ...) and the block counts (``heading.h1`` -- written
``heading_h1`` too -- ``list``, ``blockquote``, ``pre``, ``paragraphs``).
Formulas are arithmetic with ``math.*`` functions, evaluated without ``eval``.
"""

from __future__ import annotations

import ast
import math
import operator
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from editorial.style import textmetrics
from editorial.style.block import Block, Hit
from editorial.style.common import Context, FileState
from editorial.style.message import format_message
from editorial.style.rule import RuleSpec, get_str

_HEADINGS = re.compile(r"heading\.(h[1-6])")
VARIABLES = ("pre", "list", "blockquote", "heading_h1", "heading_h2", "heading_h3", "heading_h4", "heading_h5", "heading_h6")
_BINARY: dict[type, Callable[[Any, Any], Any]] = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
    ast.Mod: operator.mod,
    ast.Pow: operator.pow,
}
_COMPARE: dict[type, Callable[[Any, Any], bool]] = {
    ast.Gt: operator.gt,
    ast.GtE: operator.ge,
    ast.Lt: operator.lt,
    ast.LtE: operator.le,
    ast.Eq: operator.eq,
    ast.NotEq: operator.ne,
}
_MATH: dict[str, Any] = {name: getattr(math, name) for name in ("sqrt", "pow", "floor", "ceil", "log", "log10", "log2", "exp")}
_MATH["abs"] = abs
_MATH["round"] = round


class FormulaError(ValueError):
    pass


def parse_formula(text: str) -> ast.expr:
    try:
        tree = ast.parse(text.strip(), mode="eval")
    except SyntaxError as exc:
        raise FormulaError(f"invalid expression {text.strip()!r}: {exc.msg}") from None
    _validate(tree.body)
    return tree.body


def _validate(node: ast.AST) -> None:
    allowed = (ast.BinOp, ast.UnaryOp, ast.Constant, ast.Name, ast.Compare, ast.Call, ast.Attribute, ast.BoolOp)
    if not isinstance(node, allowed):
        raise FormulaError(f"unsupported expression: {ast.dump(node)[:40]}")
    if isinstance(node, ast.Call):
        func = node.func
        if not (isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and func.value.id == "math"):
            raise FormulaError("only math.* functions may be called")
        if func.attr not in _MATH:
            raise FormulaError(f"unknown function math.{func.attr}")
        for arg in node.args:
            _validate(arg)
        return
    if isinstance(node, ast.Attribute):
        raise FormulaError("unknown name " + ast.unparse(node))
    for child in ast.iter_child_nodes(node):
        if isinstance(child, (ast.operator, ast.unaryop, ast.cmpop, ast.boolop, ast.expr_context)):
            continue
        _validate(child)


def evaluate(node: ast.expr, names: dict[str, float]) -> Any:
    if isinstance(node, ast.Constant):
        return node.value
    if isinstance(node, ast.Name):
        if node.id not in names:
            raise FormulaError(f"unknown variable '{node.id}'")
        return names[node.id]
    if isinstance(node, ast.BinOp):
        op = _BINARY.get(type(node.op))
        if op is None:
            raise FormulaError("unsupported operator")
        try:
            return op(evaluate(node.left, names), evaluate(node.right, names))
        except ZeroDivisionError:
            return math.inf
    if isinstance(node, ast.UnaryOp):
        value = evaluate(node.operand, names)
        return -value if isinstance(node.op, ast.USub) else (not value if isinstance(node.op, ast.Not) else value)
    if isinstance(node, ast.Compare):
        left = evaluate(node.left, names)
        for op_node, right_node in zip(node.ops, node.comparators):
            right = evaluate(right_node, names)
            if not _COMPARE[type(op_node)](left, right):
                return False
            left = right
        return True
    if isinstance(node, ast.BoolOp):
        values = [evaluate(v, names) for v in node.values]
        return all(values) if isinstance(node.op, ast.And) else any(values)
    if isinstance(node, ast.Call):
        return _MATH[node.func.attr](*(evaluate(a, names) for a in node.args))  # type: ignore[attr-defined]
    raise FormulaError("unsupported expression")


def _go_expression(text: str) -> str:
    # Tengo spells "and"/"or"/"not" as && || !, Python the other way round.
    return text.replace("&&", " and ").replace("||", " or ").replace("!=", "\0").replace("!", " not ").replace("\0", "!=")


@dataclass(frozen=True)
class Metric:
    spec: RuleSpec
    formula: ast.expr
    condition: str

    def run(self, block: Block, state: FileState) -> list[Hit]:
        metrics = textmetrics.measure(block.text)
        if metrics.words == 0:
            return []
        names = metrics.as_parameters()
        for key, value in block.metrics.items():
            if not key.startswith("table"):
                names[key.replace(".", "_").replace("-", "_")] = float(value)
        for key in VARIABLES:
            names.setdefault(key, 0.0)
        try:
            result = evaluate(self.formula, names)
            holds = evaluate(parse_formula(f"{float(result)!r} {self.condition}"), names)
        except (FormulaError, TypeError, ValueError, OverflowError) as exc:
            raise self.spec.error("formula", f"cannot evaluate the formula: {exc}") from None
        if not holds:
            return []
        return [Hit(0, 0, format_message(self.spec.message, f"{float(result):.2f}"), whole_document=True)]


def compile(spec: RuleSpec, context: Context) -> Metric:
    formula = _HEADINGS.sub(r"heading_\1", get_str(spec, "formula"))
    condition = _go_expression(get_str(spec, "condition"))
    try:
        parsed = parse_formula(_go_expression(formula))
        parse_formula(f"1.0 {condition}")
    except FormulaError as exc:
        key = "condition" if "formula" not in str(exc) and condition in str(exc) else "formula"
        raise spec.error(key, str(exc)) from None
    return Metric(spec, parsed, condition)


def measured_scope(scope: tuple[str, ...]) -> tuple[str, ...]:
    """Unset (or ``text``), a measuring rule reads the whole document's prose: the summary."""
    if not scope or scope == ("text",):
        return ("summary",)
    return scope
