"""`asfcert certify DIR`: issue the certificate the audit decision allows.

Refuses (exit code 1) when there is no decision, when it is `not-certified`, when files
changed after the audit snapshot, when the record's results no longer give the decision,
or when the auditor is no longer impartial.

Every certificate PDF is signed with the certifier's signing key (PAdES, with a visible
signature block; certify/signing.py). The key is unlocked with the passphrase
($ASFCERT_KEY_PASSPHRASE, or asked for in a terminal) before anything is written: a
missing or wrong passphrase, or a registry without keys, stops the run with exit code 2
and no number claimed. The record's hash is the hash of the signed bytes.

Issuing is a transaction. Everything the certificate consists of (the registry's record,
the signed PDF, the stamps, the company's copy of the record and the audit record with
the certificate number) is rendered and read back with a candidate number first. Then:

    1. claim     the number's pending marker in the registry, created exclusively
    2. prepare   the PDF in the registry, the PDF and the stamps in the company folder
    3. commit    the registry's record, created exclusively: the certificate exists
    4. announce  the company's copy of the record, the superseded previous certificate,
                 the number in the audit record; then the marker is removed

A run that stops before the commit leaves no certificate (`verify` knows no such number);
the next run for the decision removes what it prepared and issues again. A run that stops
after the commit leaves a certificate; the next run completes what is missing. Running it
again is always safe: for a decision that already has a certificate it writes any missing
file, and with another `--lang` it adds that language's PDF to the record. A PDF on disk
that matches the record is reused as it is; one is signed again only when it was never
written anywhere (and the record then gets its new hash)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from asfcert.assess import case as cases
from asfcert.assess import decision, impartiality
from asfcert.base.errors import Abort
from asfcert.base.findings import Effect, Kind, Location, Severity, made_by
from asfcert.base.i18n import L10n, Lang
from asfcert.certify import documents
from asfcert.certify.documents import TSA_FAILED, TSA_INVALID, Signing
from asfcert.records import audit_record as record
from asfcert.records import certificates, history, registry
from asfcert.records import snapshot as changes

_E = Severity.ERROR
NO_DECISION = Kind(
    "certify-no-decision",
    L10n("Inget revisionsbeslut", "No audit decision"),
    L10n("Det finns inget revisionsbeslut för företaget", "There is no audit decision for the company"),
    L10n("Revisorn kör `asfcert audit MAPP --decide` först.", "The auditor runs `asfcert audit DIR --decide` first."),
    _E,
    effect=Effect.ABORTS,
)
NOT_CERTIFIED = Kind(
    "certify-not-certified",
    L10n("Beslutet är att inte certifiera", "The decision is not to certify"),
    L10n("Beslutet den {date} är att inte certifiera; inget certifikat kan utfärdas",
         "The decision of {date} is not to certify; no certificate can be issued"),
    L10n("Efter åtgärder börjar en ny revision med `asfcert audit MAPP --new`.",
         "After corrections a new audit starts with `asfcert audit DIR --new`."),
    _E,
    effect=Effect.ABORTS,
)
FILES_CHANGED = Kind(
    "certify-files-changed",
    L10n("Filer ändrade efter revisionen", "Files changed after the audit"),
    L10n("Filer har ändrats efter revisionen; certifikat kan inte utfärdas", "Files changed after the audit; no certificate can be issued"),
    L10n("Revisorn granskar ändringarna och beslutar igen (--refresh-evidence --decide).",
         "The auditor reviews the changes and decides again (--refresh-evidence --decide)."),
    _E,
    effect=Effect.ABORTS,
)
OTHER_STANDARD = Kind(
    "certify-other-standard",
    L10n("Beslutet gäller en annan standard", "The decision is for another standard"),
    L10n("Beslutet gäller {decided}, inte {given}", "The decision is for {decided}, not {given}"),
    L10n("Använd samma standardfil som vid beslutet (--standard).", "Use the standard file of the decision (--standard)."),
    _E,
    effect=Effect.ABORTS,
)
RECORD_CHANGED = Kind(
    "certify-record-changed",
    L10n("Protokollet har ändrats efter beslutet", "The record changed after the decision"),
    L10n("Protokollet har ändrats efter beslutet", "The record changed after the decision"),
    decision.DECISION_STALE.hint,
    _E,
    effect=Effect.ABORTS,
)
NOT_IN_REGISTRY = Kind(
    "certify-certificate-not-in-registry",
    L10n("Certifikatet finns inte i registret", "The certificate is not in the registry"),
    L10n("Certifikatet {number} finns inte i registret {registry}", "The certificate {number} is not in the registry {registry}"),
    L10n("Är det rätt register? Ange det med --registry.", "Is it the right registry? Give it with --registry."),
    _E,
    effect=Effect.ABORTS,
)
PDF_ALTERED = Kind(
    "certify-pdf-altered",
    L10n("Certifikatets PDF stämmer inte", "The certificate's PDF does not match"),
    L10n("Filen stämmer inte med registrets post för {number}", "The file does not match the registry's record for {number}"),
    L10n("Filen har ändrats efter utfärdandet. Kontrollera den med `asfcert verify`.",
         "The file was changed after it was issued. Check it with `asfcert verify`."),
    _E,
    effect=Effect.ABORTS,
)
NUMBER_TAKEN = Kind(
    "certify-number-taken",
    L10n("Certifikatnumret är redan använt", "The certificate number is already used"),
    L10n("{number} har redan en post i registret, fast numret var reserverat för den här körningen",
         "{number} already has a record in the registry, although the number was claimed by this run"),
    L10n("Något annat än asfcert skriver i registrets certificates/. Kör kommandot igen.",
         "Something other than asfcert writes into the registry's certificates/. Run the command again."),
    _E,
    effect=Effect.ABORTS,
)
LANGS = ("sv", "en")


@dataclass(frozen=True)
class CertifyOptions:
    registry: Path | None = None
    cohort: Path | None = None
    no_cohort: bool = False
    standard: Path | None = None
    today: dt.date | None = None
    use_cache: bool = True
    lang: Lang = "sv"
    tsa: str | None = None  # an RFC 3161 timestamp authority (`--tsa URL`); off by default
    passphrase: bytes | None = field(default=None, repr=False)  # None: $ASFCERT_KEY_PASSPHRASE or asked for


@dataclass
class CertifyResult:
    record: object  # model.certificate.CertificateRecord
    action: str  # issued | completed (files written for an existing certificate)
    written: list[str] = field(default_factory=list)
    since_certificate: history.SinceCertificate | None = None

    exit_code = 0

    def to_dict(self) -> dict:
        return {
            "format": "asfcert-certify-result/1",
            "action": self.action,
            "certificate": certificates.public(self.record),
            "written": self.written,
            "since_certificate": self.since_certificate.to_dict() if self.since_certificate else None,
        }


@dataclass
class Plan:
    """A certificate rendered and validated for one number, before the number is claimed."""

    record: object  # CertificateRecord
    text: str  # the registry's record as written, read back and validated
    pdf: bytes
    documents: dict[Path, bytes]  # the company folder's PDF and stamps
    audit: object  # records.audit_record.Record: the audit record with the number, read back


def certify(path: Path, options: CertifyOptions = CertifyOptions()) -> CertifyResult:
    """Issue (or complete) the certificate of the decision in `path`; see the module's
    docstring. Without garbage collections (base/lasting.py): nearly everything a run
    allocates is the modules, models and keys it imports and builds once, and the
    collections that allocation sets off (one of them a full one) freed nothing."""
    from asfcert.base.lasting import lasting

    with lasting():
        return _certify(path, options)


def _certify(path: Path, options: CertifyOptions) -> CertifyResult:
    today = options.today or dt.date.today()
    early = _unlock_early(path, options)  # overlaps loading the case
    case = cases.load(path, options.standard, today, options.use_cache, as_decided=True)  # the one check
    loaded, standard, result, company, root = case.record, case.standard, case.check, case.company, case.root
    if loaded is None or loaded.decision is None:
        raise Abort(NO_DECISION, exit_code=1)
    d = loaded.decision
    if d.outcome == decision.NOT_CERTIFIED:
        raise Abort(NOT_CERTIFIED, exit_code=1, date=d.date.isoformat())
    changed = [f for f in result.findings if changes.is_change(f)]
    if changed:
        raise Abort(FILES_CHANGED, findings=changed, exit_code=1)
    if (d.standard.id, d.standard.version) != (standard.id, standard.version):
        raise Abort(OTHER_STANDARD, exit_code=1, decided=f"{d.standard.id} {d.standard.version}", given=f"{standard.id} {standard.version}")
    proposal = decision.propose(standard, result, loaded.model, loaded.doc, d.date)
    stale = decision.stale(d, proposal, loaded.doc.where(("decision", "outcome")))
    if stale:
        raise Abort(RECORD_CHANGED, location=stale.location, findings=[stale], exit_code=1)
    impartiality.check(loaded.model.auditor, root=root, company=company, company_doc=case.company_doc,
                       cohort_path=options.cohort, no_cohort=options.no_cohort, cache=case.cache)
    reg = registry.find(root, options.registry)
    mark = registry.logo(reg)
    signing = Signing(reg, options.lang, options.passphrase, options.tsa, early)
    if _existing(reg, d, registry.records(reg)) is None:
        signing.signer()  # a wrong passphrase stops the run here: no number claimed, nothing written
    with registry.locked(reg, f"decision-{d.id}"):  # one certificate per decision, even for runs at the same moment
        issued = registry.records(reg)
        existing = _existing(reg, d, issued)
        since = None
        if existing is None:
            _roll_back(reg, d.id, root)  # what a run that stopped before its commit prepared
            files_now = changes.submitted(case.folder, result.evidence)
            previous = _previous(issued, company.org_number)
            since = history.compare_with(previous, files_now, proposal.items) if previous else None
            plan = _issue(reg, standard, case, d, proposal, files_now, previous, loaded, today, options.lang, signing, mark)
            rec, pdf, action = plan.record, plan.pdf, "issued"
        else:
            rec, pdf = _complete(reg, existing, options.lang, root, signing, mark)
            plan, action = None, "completed"
        written = _announce(reg, rec, pdf, options.lang, root, loaded, issued, today, plan, case.cache)
    return CertifyResult(rec, action, [_shown(root, p) for p in written], since)


def _unlock_early(path: Path, options: CertifyOptions):
    """The signing key's derivation started now (certify/documents.unlock_early), when the
    record's decision will need the key: a certificate to issue, none issued yet. The record
    read here is the parse the case then reads (records.audit_record keeps it). Speculative:
    whatever is wrong is found and worded by the run itself, in its place."""
    from asfcert.io.cache import Cache

    try:
        loaded = record.read(Path(path), Cache(options.use_cache), round_trip=True)
        d = loaded.decision if loaded is not None and loaded.model is not None else None
    except Exception:  # noqa: BLE001 - see the docstring
        return None
    if d is None or d.outcome == decision.NOT_CERTIFIED or d.certificate:
        return None
    return documents.unlock_early(path, options.registry, options.passphrase)


def _shown(root: Path, path: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)


def _event(day: dt.date, action: str, reason: str | None = None):
    from asfcert.formats.certificate import Event

    return Event(date=day, action=action, reason=reason)


def _existing(reg, d, issued: list):
    """The certificate already issued (committed) for this decision: named in the record,
    or found by the decision id after a run that stopped before it could say so."""
    if d.certificate:
        found = registry.get(reg, d.certificate)
        if found is None:
            raise Abort(NOT_IN_REGISTRY, number=d.certificate, registry=str(reg.root))
        return found
    return next((r for r in issued if r.decision.id == d.id), None)


def _previous(issued: list, org_number: str):
    """The company's latest certificate in the registry, for re-certification."""
    from asfcert.rules.org_number import normalise

    mine = [r for r in issued if normalise(r.company.org_number) == normalise(org_number)]
    return max(mine, key=lambda r: (r.effective, r.number), default=None)


def _prepared(reg, number: str, root: Path) -> list[Path]:
    """Every file an issue of `number` writes before its commit, in any language."""
    out = []
    for lang in LANGS:
        out.append(reg.pdf_path(number, lang))
        out += certificates.company_files(root, number, lang).values()
    return out


def _undo(reg, number: str, root: Path) -> None:
    """Remove what an issue of `number` prepared, and free the number."""
    certificates.remove_files(_prepared(reg, number, root))
    try:
        certificates.company_folder(root).rmdir()  # when the issue made it and nothing else is there
    except OSError:
        pass
    registry.release(reg, number)


def _roll_back(reg, decision_id: str, root: Path) -> None:
    """Remove what an issue for this decision prepared without committing, and free its
    number. Called under the decision's lock: no other run is issuing it."""
    for number in registry.pending(reg, decision_id):
        if registry.get(reg, number) is None:
            _undo(reg, number, root)


def _issue(reg, standard, case, d, proposal, files_now, previous, loaded, today, lang, signing, mark) -> Plan:
    """Claim a number, prepare and commit (steps 1-3); see the module's docstring."""
    from asfcert.formats.certificate import (
        CertificateRecord,
        CompanyRef,
        DecisionRef,
        Document,
        PendingRemark,
        Snapshot,
        SnapshotFile,
        StandardRef,
    )

    effective = d.date
    valid_until = certificates.last_valid_day(effective, standard.policy.certificate_validity_years)
    titles = {i.id: i.title for i in proposal.items}
    remarks = [
        PendingRemark(requirement=r.requirement, title_sv=titles[r.requirement].sv, title_en=titles[r.requirement].en, deadline=r.deadline)
        for r in d.remarks
    ]
    snapshot = Snapshot(
        files=[SnapshotFile(path=f.path, sha256=f.sha256, size=f.size) for f in files_now],
        requirements={i.id: {"machine": i.machine_status, "grade": i.grade} for i in proposal.items},
    )
    model = reg.model
    company, root = case.company, case.root
    where = ", ".join(x.strip() for x in (company.municipality, company.county) if x and x.strip()) or None

    def plan(number: str) -> Plan:
        base = CertificateRecord(
            format=registry.RECORD_FORMAT, number=number, certifier=model.certifier,
            certifier_org_number=model.certifier_org_number, certifier_address=model.certifier_address,
            company=CompanyRef(name=company.name, org_number=company.org_number, folder=reg.relative(root),
                               location=where, activities=[a.strip() for a in company.industries if a.strip()]),
            standard=StandardRef(id=standard.id, version=standard.version, title_sv=standard.title.sv, title_en=standard.title.en),
            decision=DecisionRef(id=d.id, date=d.date, auditor=d.auditor, outcome=d.outcome),
            effective=effective, valid_until=valid_until, issued=today,
            code=certificates.verification_code(model.certifier, number, company.org_number, effective, valid_until),
            remarks=remarks, previous=previous.number if previous else None,
            original_date=(previous.original_date or previous.effective) if previous else None,
            events=[_event(today, "issued")], snapshot=snapshot,
        )
        pdf = signing.certificate_pdf(base, lang, mark)
        rec = base.model_copy(update={"documents": {lang: Document(file=f"{number}-{lang}.pdf", sha256=certificates.sha256(pdf))}})
        return Plan(rec, registry.checked_dump(rec), pdf, documents.company_documents(root, rec, lang, pdf),
                    record.checked(root, numbered(loaded, number)))

    number, made = registry.reserve(reg, effective.year, d.id, plan)  # 1. claim
    try:
        registry.save_pdf(reg, number, lang, made.pdf)  # 2. prepare
        for path, data in made.documents.items():
            certificates.save_file(path, data)
        committed = registry.commit(reg, number, made.text)  # 3. commit
    except BaseException:
        _undo(reg, number, root)
        raise
    if not committed:  # not asfcert's doing: leave the registry's files to whoever wrote them
        certificates.remove_files(made.documents)
        registry.release(reg, number)
        raise Abort(NUMBER_TAKEN, location=Location(str(reg.record_path(number))), number=number)
    return made


def numbered(loaded, number: str) -> str:
    """The audit record's text with the certificate number in its decision. A record that
    ends with its decision exactly as asfcert writes it (records/decision_splice.py) gets
    the decision block with the number after its text as it is: the data the round trip
    gives, with only the number's line changed (the round trip also requoted the machine
    texts `audit` writes in double quotes; tests/test_speed_certify.py). Any other record
    takes the round trip."""
    from asfcert.records import decision_splice

    prefix = decision_splice.before_decision(loaded)
    if prefix is not None:
        return decision_splice.with_decision(prefix, {**loaded.doc.data["decision"], "certificate": number})
    data = loaded.editable()
    record.set_certificate(data, number)
    return record.dump(data)


def _announce(reg, rec, pdf: bytes, lang: Lang, root: Path, loaded, issued: list, today: dt.date, plan: Plan | None, cache) -> list[Path]:
    """Step 4, for a committed certificate: whatever of it is not yet in place. Each step
    can be repeated, so a run that stopped anywhere after the commit is completed."""
    files = plan.documents if plan is not None else documents.company_documents(root, rec, lang, pdf)
    if plan is None:  # an issue wrote them in its step 2, under the lock this run holds
        for path, data in files.items():
            certificates.save_file(path, data)
    copy = certificates.save_copy(root, certificates.copy_of(plan.text) if plan is not None else certificates.copy_text(rec), rec.number)
    previous = next((r for r in issued if r.number == rec.previous), None) if rec.previous else None
    if previous is not None and previous.superseded_by is None:
        old = registry.update(reg, previous.number, lambda r: r.model_copy(update={
            "superseded_by": rec.number, "superseded_on": rec.effective,
            "events": [*r.events, _event(today, "superseded", f"{rec.number}")],
        }))
        certificates.refresh_copy(reg, old)
    if loaded.decision.certificate != rec.number:
        now = record.read(root)
        if plan is not None and now is not None and now.raw == loaded.raw:
            record.save(plan.audit, cache)
        else:  # the record was edited since it was read, or the certificate was issued earlier: set the number in it now
            record.save(record.checked(root, numbered(now.required(), rec.number)), cache)
    for number in registry.pending(reg, rec.decision.id):
        registry.release(reg, number)
    return [*files, copy]


def _complete(reg, rec, lang: Lang, root: Path, signing: Signing, mark: bytes | None):
    """The issued PDF in `lang` for an existing certificate: the registry's copy, else the
    company's copy (the signed bytes as issued), else rendered and signed again. A PDF
    that was never written anywhere gets a new hash; one that exists and does not match
    the record is refused."""
    from asfcert.formats.certificate import Document

    doc = rec.documents.get(lang)
    reg_copy = reg.pdf_path(rec.number, lang)
    company_copy = certificates.company_files(root, rec.number, lang)["pdf"]
    if doc is not None:
        for copy in (reg_copy, company_copy):
            if copy.is_file() and certificates.sha256(copy.read_bytes()) == doc.sha256:
                pdf = copy.read_bytes()
                if not reg_copy.is_file():
                    registry.save_pdf(reg, rec.number, lang, pdf)
                return rec, pdf
        stray = [c for c in (reg_copy, company_copy) if c.is_file()]
        if stray:
            raise Abort(PDF_ALTERED, location=Location(str(stray[0])), file=str(stray[0]), number=rec.number)
    pdf = signing.certificate_pdf(rec, lang, mark)  # signed now: its bytes are new, and so is the hash
    entry = Document(file=f"{rec.number}-{lang}.pdf", sha256=certificates.sha256(pdf))
    rec = registry.update(reg, rec.number, lambda r: r.model_copy(update={"documents": {**r.documents, lang: entry}}))
    registry.save_pdf(reg, rec.number, lang, pdf)
    return rec, pdf


KINDS = made_by(
    "certify",
    NO_DECISION,
    NOT_CERTIFIED,
    FILES_CHANGED,
    OTHER_STANDARD,
    RECORD_CHANGED,
    NOT_IN_REGISTRY,
    PDF_ALTERED,
    NUMBER_TAKEN,
    TSA_INVALID,
    TSA_FAILED,
)
