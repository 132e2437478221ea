"""registry.yaml and a certificate record, read without pydantic when they are as asfcert
writes them: `verify` checking a file for the first time then imports no model machinery
(about a fifth of its time).

`registry(data)` and `record(data)` take the parsed YAML (io.yamlfile) and give the values
formats/certificate.py's `Registry` and `CertificateRecord` would hold, as `Plain` objects
(attributes of the same names, defaults filled in), or None. They accept only a subset of
what the models accept, so that they never accept what a model refuses nor read a value
differently: exact Python types (str, int, list, dict, datetime.date, never a subclass or
a coercion), texts with nothing for `str_strip_whitespace` to strip, every required key and
no other, each constraint of the model. Anything else is None, and the caller validates
with the model as before, which alone words every refusal. tests/test_speed_verify_plain.py
holds the tables below to the models' fields and compares both readings."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable


class _No(Exception):
    """Not certainly what the model accepts: the model decides."""


class Plain:
    """A record's (or one of its parts') validated values, read like the model's: by
    attribute, and copied with changes by `model_copy(update=...)` as
    records/certificates.py does."""

    def __init__(self, **values):
        self.__dict__.update(values)

    def model_copy(self, *, update: dict | None = None) -> Plain:
        return Plain(**(self.__dict__ | (update or {})))

    def __setattr__(self, name, value):
        raise AttributeError(f"{name}: a record read is not changed (the models are frozen too)")

    def __eq__(self, other):
        return isinstance(other, Plain) and self.__dict__ == other.__dict__

    __hash__ = None


def as_data(value):
    """`value` as plain data, as the model's `model_dump()` gives it."""
    if isinstance(value, Plain):
        return {name: as_data(v) for name, v in value.__dict__.items()}
    if isinstance(value, list):
        return [as_data(v) for v in value]
    if isinstance(value, dict):
        return {k: as_data(v) for k, v in value.items()}
    return value


def _string(value):
    # str_strip_whitespace: a text with anything to strip is for the model (Python's strip
    # removes every character pydantic's does, and a few more)
    if type(value) is not str or value != value.strip():
        raise _No
    if not value.isascii():
        value.encode("utf-8")  # a lone surrogate (UnicodeEncodeError): pydantic refuses it
    return value


def _text(value):  # formats.types.Text
    if not 1 <= len(_string(value)) <= 20_000:
        raise _No
    return value


def _at_most(limit: int) -> Callable:
    def check(value):
        if len(_string(value)) > limit:
            raise _No
        return value

    return check


def _matching(pattern: str) -> Callable:
    # ASCII classes and fullmatch: never more than pydantic's `^…$` with Unicode \d
    compiled = re.compile(pattern)

    def check(value):
        if not compiled.fullmatch(_string(value)):
            raise _No
        return value

    return check


def _one_of(*values: str) -> Callable:
    def check(value):
        if type(value) is not str or value not in values:
            raise _No
        return value

    return check


def _optional(check: Callable) -> Callable:
    return lambda value: None if value is None else check(value)


def _date(value):
    if type(value) is not dt.date:
        raise _No
    return value


def _size(value):  # SnapshotFile.size: int, ge=0
    if type(value) is not int or value < 0:
        raise _No
    return value


def _list_of(check: Callable) -> Callable:
    def checked(value):
        if type(value) is not list:
            raise _No
        return [check(v) for v in value]

    return checked


def _dict_of(key: Callable, check: Callable) -> Callable:
    def checked(value):
        if type(value) is not dict:
            raise _No
        return {key(k): check(v) for k, v in value.items()}

    return checked


_REQUIRED = object()
_EMPTY_LIST, _EMPTY_MAP, _EMPTY_SNAPSHOT = object(), object(), object()


def _model(fields: dict[str, tuple[object, Callable]]) -> Callable:
    """A check of a mapping with exactly these keys (extra="forbid"), the required ones
    (`_REQUIRED`) present; a missing one takes its default."""

    def check(value):
        if type(value) is not dict or not value.keys() <= fields.keys():
            raise _No
        values = {}
        for name, (default, check_value) in fields.items():
            if name in value:
                values[name] = check_value(value[name])
            elif default is _REQUIRED:
                raise _No
            else:
                values[name] = _default(default)
        return Plain(**values)

    return check


def _default(default):
    if default is _EMPTY_LIST:
        return []
    if default is _EMPTY_MAP:
        return {}
    if default is _EMPTY_SNAPSHOT:
        return Plain(files=[], requirements={})
    return default


_opt_string = _optional(_string)
_opt_date = _optional(_date)

# formats/certificate.py, field by field (name: (default, check))
REGISTRY = {
    "format": (_REQUIRED, _one_of("asfcert-registry/1")),
    "certifier": (_REQUIRED, _text),
    "certifier_org_number": (None, _opt_string),
    "prefix": ("ASF", _matching(r"[A-Z]{2,8}")),
    "verify_url": (None, _opt_string),
    "certifier_address": (None, _optional(_at_most(300))),
    "certifier_logo": (None, _opt_string),
    "public_url": (None, _opt_string),
}
COMPANY_REF = {
    "name": (_REQUIRED, _text),
    "org_number": (_REQUIRED, _text),
    "folder": (None, _opt_string),
    "location": (None, _opt_string),
    "activities": (_EMPTY_LIST, _list_of(_string)),
}
STANDARD_REF = {
    "id": (_REQUIRED, _text),
    "version": (_REQUIRED, _text),
    "title_sv": (None, _opt_string),
    "title_en": (None, _opt_string),
}
DECISION_REF = {
    "id": (_REQUIRED, _text),
    "date": (_REQUIRED, _date),
    "auditor": (_REQUIRED, _text),
    "outcome": (_REQUIRED, _one_of("certified", "certified-with-remarks")),
}
PENDING_REMARK = {
    "requirement": (_REQUIRED, _text),
    "title_sv": (None, _opt_string),
    "title_en": (None, _opt_string),
    "deadline": (_REQUIRED, _date),
    "closed": (None, _opt_date),
    "closed_reason": (None, _opt_string),
}
DOCUMENT = {"file": (_REQUIRED, _text), "sha256": (_REQUIRED, _text)}
EVENT = {
    "date": (_REQUIRED, _date),
    "action": (_REQUIRED, _one_of("issued", "suspended", "reinstated", "withdrawn", "superseded", "remark-closed")),
    "reason": (None, _opt_string),
}
SNAPSHOT_FILE = {"path": (_REQUIRED, _text), "sha256": (_REQUIRED, _text), "size": (_REQUIRED, _size)}
SNAPSHOT = {
    "files": (_EMPTY_LIST, _list_of(_model(SNAPSHOT_FILE))),
    "requirements": (_EMPTY_MAP, _dict_of(_string, _dict_of(_string, _opt_string))),
}
CERTIFICATE_RECORD = {
    "format": (_REQUIRED, _one_of("asfcert-certificate/1")),
    "number": (_REQUIRED, _matching(r"[A-Z]{2,8}-[0-9]{4}-[0-9]{4,6}")),
    "certifier": (_REQUIRED, _text),
    "certifier_org_number": (None, _opt_string),
    "certifier_address": (None, _opt_string),
    "company": (_REQUIRED, _model(COMPANY_REF)),
    "standard": (_REQUIRED, _model(STANDARD_REF)),
    "decision": (_REQUIRED, _model(DECISION_REF)),
    "effective": (_REQUIRED, _date),
    "valid_until": (_REQUIRED, _date),
    "issued": (_REQUIRED, _date),
    "code": (_REQUIRED, _text),
    "remarks": (_EMPTY_LIST, _list_of(_model(PENDING_REMARK))),
    "documents": (_EMPTY_MAP, _dict_of(_one_of("sv", "en"), _model(DOCUMENT))),
    "status": ("valid", _one_of("valid", "suspended", "withdrawn")),
    "previous": (None, _opt_string),
    "original_date": (None, _opt_date),
    "superseded_by": (None, _opt_string),
    "superseded_on": (None, _opt_date),
    "events": (_EMPTY_LIST, _list_of(_model(EVENT))),
    "snapshot": (_EMPTY_SNAPSHOT, _model(SNAPSHOT)),
}
_REGISTRY, _RECORD = _model(REGISTRY), _model(CERTIFICATE_RECORD)


def registry(data) -> Plain | None:
    """registry.yaml's values, or None: for the model to validate."""
    try:
        return _REGISTRY(data)
    except (_No, UnicodeEncodeError):
        return None


def record(data) -> Plain | None:
    """A certificate record's values, or None: for the model to validate."""
    try:
        return _RECORD(data)
    except (_No, UnicodeEncodeError):
        return None
