"""mypy plugin: a column of a SQLModel table, read on the class, is a SQL expression.

SQLModel declares ``Contact.email: str | None``, so mypy sees ``Contact.email`` as a ``str | None`` and
``Contact.email.is_(None)``, ``Contact.id.in_(ids)``, ``Contact.id == Participation.contact_id`` in a
join, ``order_by(Event.starts_at.desc())`` are errors, though at run time each is SQLAlchemy's
``InstrumentedAttribute``. This plugin types exactly that access as ``sqlalchemy.orm.Mapped[T]`` (what
``sqlmodel.col()`` returns): a field of a ``table=True`` model read on the class, never on an instance.
``contact.email`` stays ``str | None`` and ``contact.id`` stays ``int | None``, so those checks remain.

Registered in pyproject.toml: ``[tool.mypy] plugins = ["tools/mypy_sqlmodel.py"]``."""

from __future__ import annotations

from collections.abc import Callable

from mypy.nodes import NameExpr, TypeInfo, Var
from mypy.plugin import AttributeContext, ClassDefContext, Plugin
from mypy.types import Instance, Type

SQLMODEL = "sqlmodel.main.SQLModel"
MAPPED = "sqlalchemy.orm.base.Mapped"
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


class SQLModelColumns(Plugin):
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
