"""The validators of the file formats, kept by their core schema.

pydantic builds a model's validator in two steps: the core schema, generated in Python
from the model's fields and annotations (most of the work: a few milliseconds for
`Company`, on every check after an edit), then pydantic-core's `SchemaValidator`, built
from that schema in Rust (a tenth of that). The schema is kept in the cache as a pickle,
keyed by the model, asfcert itself (io.cache.key), Python and the versions of pydantic,
pydantic-core and annotated-types: a later run builds the validator from it directly.
The model class itself is left as it was (its own validator, built on first use, is
pydantic's as always); the validator built here makes the same instances and the same
errors from the same schema.

A pickle can name any callable, and the cache is the user's: the reader accepts only the
formats' own models and functions (each looked up in its module by its own name), the
few pydantic validators the formats' schemas use, and a method only of such a model. An
entry it refuses, or cannot read, is removed and the schema generated again."""

import io
import pickle
import sys
import types

from asfcert.io.cache import Cache, key

NAMESPACE = "core-schema"
_SUFFIX = ".pickle"
VERSION = 1  # bump when what is kept changes

_FORMATS = "asfcert.formats."
# The pydantic validators the formats' schemas name (constraints on numbers). A schema that
# names another one is not read back: the model's schema is generated as without a cache.
_PYDANTIC = frozenset({
    ("pydantic._internal._validators", name) for name in (
        "forbid_inf_nan_check", "greater_than_validator", "greater_than_or_equal_validator",
        "less_than_validator", "less_than_or_equal_validator", "multiple_of_validator",
        "min_length_validator", "max_length_validator",
    )
})
_PLAIN = {("functools", "partial"), ("builtins", "dict")}

_BUILT: dict[type, object] = {}  # model -> its validator, once per process


def _method(owner: type, name: str):
    """A method of one of the formats' models, bound to it (a model validator, or pydantic's
    JSON-schema hook): what a kept schema names of a model besides the model."""
    from pydantic import BaseModel

    if not (isinstance(owner, type) and issubclass(owner, BaseModel) and owner.__module__.startswith(_FORMATS)):
        raise pickle.UnpicklingError(f"{owner!r} is not a model of the formats")
    found = getattr(owner, name, None)
    if not (isinstance(found, types.MethodType) and found.__self__ is owner):
        raise pickle.UnpicklingError(f"{owner.__qualname__}.{name} is not a method of the model")
    return found


class _Pickler(pickle.Pickler):
    def reducer_override(self, obj):
        if isinstance(obj, types.MethodType) and isinstance(obj.__self__, type):
            return _method, (obj.__self__, obj.__func__.__name__)
        return NotImplemented


class _Reader(pickle.Unpickler):
    def find_class(self, module: str, name: str):
        if (module, name) == (__name__, "_method"):
            return _method
        if (module, name) in _PLAIN or (module, name) in _PYDANTIC:
            return super().find_class(module, name)
        if module.startswith(_FORMATS) and module != __name__ and module in sys.modules:
            found = sys.modules[module]
            for part in name.split("."):  # `Headcount._consistent`: a validator in its model
                found = getattr(found, part, None)
            # defined there under that name: not something the module imported (`os.system`)
            if getattr(found, "__module__", None) == module and getattr(found, "__qualname__", None) == name:
                return found
        raise pickle.UnpicklingError(f"{module}.{name} is not part of a format's schema")


def _key(model: type) -> str:
    import annotated_types
    import pydantic
    import pydantic_core

    return key(NAMESPACE, VERSION, model.__module__, model.__qualname__, sys.version, pydantic.VERSION,
               pydantic_core.__version__, getattr(annotated_types, "__version__", ""))


def validator(model: type, cache: Cache | None):
    """A validator of `model` built from its kept core schema, or None: then the model's own
    (built now, when it was not yet, and its schema kept for the next run)."""
    if model.__pydantic_complete__:  # built already in this process: pydantic's own
        return None
    if model in _BUILT:
        return _BUILT[model]
    if cache is None or not cache.enabled:
        return None
    digest = _key(model)
    raw = cache.get_bytes(NAMESPACE, digest, _SUFFIX)
    if raw is not None:
        built = _built(raw, model)
        if built is not None:
            _BUILT[model] = built
            return built
        cache.drop(NAMESPACE, digest, _SUFFIX)
    model.model_rebuild()
    kept = io.BytesIO()
    try:
        _Pickler(kept, protocol=pickle.HIGHEST_PROTOCOL).dump(model.__pydantic_core_schema__)
    except (pickle.PicklingError, TypeError, AttributeError):
        return None  # a schema naming something a pickle cannot name: generated every time
    cache.put_bytes(NAMESPACE, digest, kept.getvalue(), _SUFFIX)
    return None


def _built(raw: bytes, model: type):
    """The validator of the kept schema, or None (damaged, refused, or not `model`'s)."""
    from pydantic_core import SchemaValidator

    try:
        schema = _Reader(io.BytesIO(raw)).load()
        root = schema["schema"] if schema.get("type") == "definitions" else schema
        if root.get("type") != "model" or root.get("cls") is not model:
            return None
        # the configuration pydantic passes is the model's, which its schema holds
        return SchemaValidator(schema, root.get("config"))
    except Exception:  # noqa: BLE001 - damaged, truncated or refused: generate the schema again
        return None
