"""One vocabulary: each closed set of words is one enum in base/vocab.py with one table of
names, and no renderer keeps a second table of them."""

import importlib
import pkgutil

import asfcert.render
from asfcert.base import vocab
from asfcert.base.i18n import L10n
from asfcert.base.vocab import (
    CertificateStatus,
    Decider,
    Grade,
    Lifecycle,
    Outcome,
    Severity,
    Status,
    name,
    plural,
)


def test_every_member_has_a_name():
    assert vocab.every_member_named() == []


def test_equal_values_in_different_enums_keep_their_own_names():
    """StrEnum members with the same value are equal (and hash alike): "certified" is an
    outcome and a lifecycle state, "withdrawn" a state and a certificate status."""
    assert name(Outcome.CERTIFIED, "sv") == "Certifierad" and name(Lifecycle.CERTIFIED, "sv") == "certifierad"
    assert name(Lifecycle.WITHDRAWN, "sv") == "avbruten" and name(CertificateStatus.WITHDRAWN, "sv") == "återkallat"
    assert name(Decider.AUDITOR, "sv") == "revisorn" and name(Status.AUDITOR, "sv") == "prövas vid revisionen"
    assert name(Grade.NOT_APPLICABLE, "en") == name(Status.NOT_APPLICABLE, "en") == "not applicable"


def test_plurals():
    assert plural(Severity.REMARK, 1, "sv") == "1 anmärkning" and plural(Severity.REMARK, 3, "sv") == "3 anmärkningar"
    assert plural(CertificateStatus.EXPIRED, 2, "sv") == "2 utgångna" and plural(CertificateStatus.EXPIRED, 1, "sv") == "1 utgånget"
    assert plural(Lifecycle.APPLIED, 2, "en") == "2 applied"  # no plural form: the name


def _texts(value):
    if isinstance(value, L10n):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _texts(v)
    elif isinstance(value, (list, tuple)):
        for v in value:
            yield from _texts(v)


def test_no_renderer_keeps_a_table_of_the_vocabulary():
    named = {(t.sv, t.en): member for (_, member), t in {**vocab._NAMES, **vocab._PLURALS}.items()}
    copies = []
    for info in pkgutil.walk_packages(asfcert.render.__path__, "asfcert.render."):
        module = importlib.import_module(info.name)
        for attr, value in vars(module).items():
            if getattr(value, "__module__", info.name) != info.name:
                continue
            copies += [f"{info.name}.{attr}: {t}" for t in _texts(value) if (t.sv, t.en) in named]
    assert copies == []
