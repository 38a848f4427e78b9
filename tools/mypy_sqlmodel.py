"""mypy plugin: a column of a SQLModel table, read on the class, is a SQL expression.

SQLModel declares ``Contact.email: str | None``, so mypy sees ``Contact.email`` as a ``str | None`` and
``Contact.email.is_(None)``, ``Contact.id.in_(ids)``, ``Contact.id == Participation.contact_id`` in a
join, ``order_by(Event.starts_at.desc())`` are errors, though at run time each is SQLAlchemy's
``InstrumentedAttribute``. This plugin types exactly that access as ``sqlalchemy.orm.Mapped[T]`` (what
``sqlmodel.col()`` returns): a field of a ``table=True`` model read on the class, never on an instance.
``contact.email`` stays ``str | None`` and ``contact.id`` stays ``int | None``, so those checks remain.

SQLModel's ``select()`` has typed overloads for up to four columns; with more, this plugin gives the
call the signature of the implementation, ``select(*entities) -> Select[*tuple[Any, ...]]`` (rows of
Any), instead of "No overload variant".

Registered in pyproject.toml: ``[tool.mypy] plugins = ["tools/mypy_sqlmodel.py"]``."""

from __future__ import annotations

from collections.abc import Callable

from mypy.nodes import ARG_STAR, CallExpr, NameExpr, TypeInfo, Var
from mypy.plugin import AttributeContext, ClassDefContext, FunctionSigContext, Plugin
from mypy.types import AnyType, FunctionLike, Instance, Type, TypeOfAny, UnpackType

SQLMODEL = "sqlmodel.main.SQLModel"
MAPPED = "sqlalchemy.orm.base.Mapped"
SELECT = "sqlmodel.sql._expression_select_gen.select"
SELECT_CLASS = "sqlmodel.sql._expression_select_cls.Select"
#: The most columns SQLModel's select() overloads take.
SELECT_TYPED = 4
#: TypeInfo.metadata key (kept in mypy's cache with the class).
TABLE_KEY = "shk_sqlmodel_table"


def _mark_table(ctx: ClassDefContext) -> None:
    """A class defined with ``table=True`` that derives from SQLModel is a table model."""
    info = ctx.cls.info
    table = ctx.cls.keywords.get("table")
    if isinstance(table, NameExpr) and table.fullname == "builtins.True" and info.has_base(SQLMODEL):
        info.metadata[TABLE_KEY] = {"table": True}


def _as_column(mapped: TypeInfo) -> Callable[[AttributeContext], Type]:
    def column(ctx: AttributeContext) -> Type:
        if ctx.is_lvalue:
            return ctx.default_attr_type
        return Instance(mapped, [ctx.default_attr_type])

    return column


def _wide_select(select_class: TypeInfo) -> Callable[[FunctionSigContext], FunctionLike]:
    def signature(ctx: FunctionSigContext) -> FunctionLike:
        # ctx.args holds only the arguments that fit this overload's parameters: count the call's own.
        if not isinstance(ctx.context, CallExpr) or len(ctx.context.args) <= SELECT_TYPED:
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
        return _as_column(mapped.node)


def plugin(version: str) -> type[Plugin]:
    return SQLModelColumns
