"""mypy plugin: a column of a SQLModel table, read on the class, is a SQL expression.

SQLModel declares ``Contact.email: str | None``, so mypy sees ``Contact.email`` as a ``str | None`` and
``Contact.email.is_(None)``, ``Contact.id.in_(ids)``, ``Contact.id == Participation.contact_id`` in a
join, ``order_by(Event.starts_at.desc())`` are errors, though at run time each is SQLAlchemy's
``InstrumentedAttribute``. This plugin types exactly that access as ``sqlalchemy.orm.Mapped[T]`` (what
``sqlmodel.col()`` returns): a field of a ``table=True`` model read on the class, never on an instance.
``contact.email`` stays ``str | None`` and ``contact.id`` stays ``int | None``, so those checks remain.
A primary key (``Field(primary_key=True)``) is never NULL in the database, so on the class it is
``Mapped[int]``: ``select(Contact.id)`` gives ``int`` rows; an unsaved instance's ``id`` is still
``int | None``.

SQLModel's ``select()`` has typed overloads for up to four columns; with more (or ``*columns``), this
plugin gives the call the signature of the implementation, ``select(*entities) ->
Select[*tuple[Any, ...]]`` (rows of Any), instead of "No overload variant".

Registered in pyproject.toml: ``[tool.mypy] plugins = ["tools/mypy_sqlmodel.py"]``."""

from __future__ import annotations

from collections.abc import Callable

from mypy.nodes import ARG_STAR, AssignmentStmt, CallExpr, NameExpr, RefExpr, TypeInfo, Var
from mypy.plugin import AttributeContext, ClassDefContext, FunctionSigContext, Plugin
from mypy.types import (
    AnyType,
    FunctionLike,
    Instance,
    NoneType,
    Type,
    TypeOfAny,
    UnionType,
    UnpackType,
    get_proper_type,
)

SQLMODEL = "sqlmodel.main.SQLModel"
MAPPED = "sqlalchemy.orm.base.Mapped"
SELECT = "sqlmodel.sql._expression_select_gen.select"
SELECT_CLASS = "sqlmodel.sql._expression_select_cls.Select"
#: The most columns SQLModel's select() overloads take.
SELECT_TYPED = 4
#: TypeInfo.metadata key (kept in mypy's cache with the class).
TABLE_KEY = "shk_sqlmodel_table"
PRIMARY_KEY = "shk_sqlmodel_primary_key"
FIELD = "sqlmodel.main.Field"


def _is_true(expr: object) -> bool:
    return isinstance(expr, NameExpr) and expr.fullname == "builtins.True"


def _primary_keys(ctx: ClassDefContext) -> list[str]:
    """The fields of the class body declared ``name: T = Field(..., primary_key=True)``."""
    names = []
    for stmt in ctx.cls.defs.body:
        if not (isinstance(stmt, AssignmentStmt) and len(stmt.lvalues) == 1 and isinstance(stmt.lvalues[0], NameExpr)):
            continue
        call = stmt.rvalue
        if isinstance(call, CallExpr) and isinstance(call.callee, RefExpr) and call.callee.fullname == FIELD:
            if any(name == "primary_key" and _is_true(arg) for name, arg in zip(call.arg_names, call.args, strict=True)):
                names.append(stmt.lvalues[0].name)
    return names


def _mark_table(ctx: ClassDefContext) -> None:
    """A class defined with ``table=True`` that derives from SQLModel is a table model; the primary
    keys of every SQLModel class are noted (``id`` is declared on a base that is not a table)."""
    info = ctx.cls.info
    if not info.has_base(SQLMODEL):
        return
    if _is_true(ctx.cls.keywords.get("table")):
        info.metadata[TABLE_KEY] = {"table": True}
    if keys := _primary_keys(ctx):
        info.metadata[PRIMARY_KEY] = {"names": keys}


def _not_none(typ: Type) -> Type:
    proper = get_proper_type(typ)
    if isinstance(proper, UnionType):
        items = [item for item in proper.items if not isinstance(get_proper_type(item), NoneType)]
        return UnionType.make_union(items) if items else typ
    return typ


def _as_column(mapped: TypeInfo, primary_key: bool) -> Callable[[AttributeContext], Type]:
    def column(ctx: AttributeContext) -> Type:
        if ctx.is_lvalue:
            return ctx.default_attr_type
        value = _not_none(ctx.default_attr_type) if primary_key else ctx.default_attr_type
        return Instance(mapped, [value])

    return column


def _wide_select(select_class: TypeInfo) -> Callable[[FunctionSigContext], FunctionLike]:
    def signature(ctx: FunctionSigContext) -> FunctionLike:
        # ctx.args holds only the arguments that fit this overload's parameters: count the call's own
        # (select(*columns) may be any number).
        call = ctx.context
        if not isinstance(call, CallExpr) or (len(call.args) <= SELECT_TYPED and ARG_STAR not in call.arg_kinds):
            return ctx.default_signature
        any_type = AnyType(TypeOfAny.special_form)
        rows = UnpackType(ctx.api.named_generic_type("builtins.tuple", [any_type]))
        return ctx.default_signature.copy_modified(
            arg_types=[any_type], arg_kinds=[ARG_STAR], arg_names=[None], variables=[],
            ret_type=Instance(select_class, [rows]))

    return signature


class SQLModelColumns(Plugin):
    def get_function_signature_hook(self, fullname: str) -> Callable[[FunctionSigContext], FunctionLike] | None:
        if fullname != SELECT:
            return None
        select_class = self.lookup_fully_qualified(SELECT_CLASS)
        if select_class is None or not isinstance(select_class.node, TypeInfo):
            return None
        return _wide_select(select_class.node)

    def get_base_class_hook(self, fullname: str) -> Callable[[ClassDefContext], None] | None:
        return _mark_table

    def get_class_attribute_hook(self, fullname: str) -> Callable[[AttributeContext], Type] | None:
        class_name, _, name = fullname.rpartition(".")
        if name.startswith("_"):
            return None
        symbol = self.lookup_fully_qualified(class_name)
        info = symbol.node if symbol is not None else None
        if not isinstance(info, TypeInfo) or TABLE_KEY not in info.metadata:
            return None
        field = info.get(name)
        var = field.node if field is not None else None
        if not isinstance(var, Var) or var.is_classvar or var.info.fullname == SQLMODEL:
            return None  # a method, property, ClassVar or SQLModel's own attribute
        mapped = self.lookup_fully_qualified(MAPPED)
        if not var.info.has_base(SQLMODEL) or mapped is None or not isinstance(mapped.node, TypeInfo):
            return None
        primary_key = name in var.info.metadata.get(PRIMARY_KEY, {}).get("names", ())
        return _as_column(mapped.node, primary_key)


def plugin(version: str) -> type[Plugin]:
    return SQLModelColumns
