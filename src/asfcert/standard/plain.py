"""The kept standard as a check reads it: the same values as the validated models, in plain
objects, so that a check after an edit builds neither the standard's models nor the rules'
twenty option models (pydantic makes each class at a cost: about a twentieth of the run).

The pickle `standard/kept.py` keeps is read back with each of the standard's models and each
rule's `Options` taken for a plain class of the same name, which receives the values the
model held (its `__dict__`, as pydantic pickles it) and reads like the model: the same
attributes, the same properties (from the mixins the models share, below), equal when
their values are, read-only as the frozen models are."""

from __future__ import annotations

import io
import pickle
from decimal import Decimal

from asfcert.base.i18n import L10n
from asfcert.base.identity import ByIdentity


class WordsText:
    """What a text in Swedish and English (`sv`, `en`) offers besides its two fields. No
    annotations here: pydantic would take them for fields of the model."""

    @property
    def l10n(self) -> L10n:
        """The text as an L10n: made once per text and process (base/identity.py), for a
        cohort asks for each title per company."""
        return _L10NS.get(self, _l10n)


def _l10n(words: WordsText) -> L10n:
    return L10n(words.sv, words.en)


_L10NS: ByIdentity[L10n] = ByIdentity()


class StandardParts:
    """What a standard offers besides its fields."""

    @property
    def enabled(self) -> list:
        return [r for r in self.requirements if r.enabled]


class Plain:
    """A validated model's values, as attributes."""

    def __setstate__(self, state: dict) -> None:
        vars(self).update(state["__dict__"])  # a pydantic model's pickled values

    def __setattr__(self, name: str, value) -> None:
        raise TypeError(f"{type(self).__name__} is read-only")

    __delattr__ = __setattr__

    def __eq__(self, other) -> bool:
        return type(other) is type(self) and vars(other) == vars(self)

    def __hash__(self) -> int:  # as a frozen model's: by its values (a list among them cannot be)
        return hash(tuple(vars(self).values()))

    def __repr__(self) -> str:
        return f"{type(self).__name__}({', '.join(f'{k}={v!r}' for k, v in vars(self).items())})"


class Words(Plain, WordsText):
    pass


class Standard(Plain, StandardParts):
    pass


class Options(Plain):
    """A rule's options (any rule: the `rule` field says which)."""


_MODELS = {
    "Words": Words,
    "Standard": Standard,
    **{name: type(name, (Plain,), {"__module__": __name__}) for name in ("EvidenceKind", "Clause", "Requirement", "Policy")},
}


class _Reader(pickle.Unpickler):
    def find_class(self, module: str, name: str):
        if (module, name) == ("decimal", "Decimal"):
            return Decimal
        if module == "asfcert.standard.model" and name in _MODELS:
            return _MODELS[name]
        if module.startswith("asfcert.rules.") and name == "Options":
            return Options
        raise pickle.UnpicklingError(f"{module}.{name} is not part of a standard")


def read(raw: bytes):
    """The plain `Standard` of a kept standard's pickle. Raises when it is not one."""
    found = _Reader(io.BytesIO(raw)).load()
    if type(found) is not Standard:
        raise pickle.UnpicklingError("not a standard")
    return found
