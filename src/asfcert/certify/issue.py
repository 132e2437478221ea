"""`asfcert certify DIR`: issue the certificate the audit decision allows.

Refuses (exit code 1) when there is no decision, when it is `not-certified`, when files
changed after the audit snapshot, when the record's results no longer give the decision,
or when the auditor is no longer impartial. Otherwise it takes the next number in the
registry, renders the PDF in the chosen language, creates the record exclusively, keeps
a copy of the PDF in the registry, and writes the PDF, the stamp (SVG and PNG) and a copy
of the record into the company folder's certificate/.

Running it again is safe: for a decision that already has a certificate it writes any
missing file, and with another `--lang` it adds that language's PDF to the record."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from asfcert.assess import decision, impartiality
from asfcert.base.errors import UserError
from asfcert.base.i18n import L10n, Lang
from asfcert.certify import documents
from asfcert.render.certificate import view
from asfcert.io import atomic
from asfcert.records import audit_record as record
from asfcert.records import certificates, history, registry
from asfcert.records import snapshot as changes


@dataclass(frozen=True)
class CertifyOptions:
    registry: Path | None = None
    cohort: Path | None = None
    no_cohort: bool = False
    standard: Path | None = None
    today: dt.date | None = None
    use_cache: bool = True
    lang: Lang = "sv"


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


def _refuse(sv: str, en: str, hint: L10n, findings=()) -> UserError:
    return UserError(L10n(sv, en), hint=hint, findings=findings, exit_code=1)


def certify(path: Path, options: CertifyOptions = CertifyOptions()) -> CertifyResult:
    from asfcert.assess.case import as_decided, prepare

    today = options.today or dt.date.today()
    folder, standard, _, result, company, company_doc = prepare(path, options.standard, today, options.use_cache)
    root = folder.root
    loaded = record.load(root)
    if loaded is None or loaded.model.decision is None:
        raise _refuse("Det finns inget revisionsbeslut för företaget", "There is no audit decision for the company",
                      L10n("Revisorn kör `asfcert audit MAPP --decide` först.", "The auditor runs `asfcert audit DIR --decide` first."))
    d = loaded.model.decision
    if d.outcome == decision.NOT_CERTIFIED:
        raise _refuse(f"Beslutet den {d.date} är att inte certifiera; inget certifikat kan utfärdas",
                      f"The decision of {d.date} is not to certify; no certificate can be issued",
                      L10n("Efter åtgärder börjar en ny revision med `asfcert audit MAPP --new`.",
                           "After corrections a new audit starts with `asfcert audit DIR --new`."))
    changed = [f for f in result.findings if f.code in changes.CHANGE_CODES]
    if changed:
        raise _refuse("Filer har ändrats efter revisionen; certifikat kan inte utfärdas", "Files changed after the audit; no certificate can be issued",
                      L10n("Revisorn granskar ändringarna och beslutar igen (--refresh-evidence --decide).",
                           "The auditor reviews the changes and decides again (--refresh-evidence --decide)."), changed)
    if (d.standard.id, d.standard.version) != (standard.id, standard.version):
        raise _refuse(f"Beslutet gäller {d.standard.id} {d.standard.version}, inte {standard.id} {standard.version}",
                      f"The decision is for {d.standard.id} {d.standard.version}, not {standard.id} {standard.version}",
                      L10n("Använd samma standardfil som vid beslutet (--standard).", "Use the standard file of the decision (--standard)."))
    result = as_decided(path, options.standard, d.date, options.use_cache, result)
    proposal = decision.propose(standard, result, loaded.model, loaded.doc, d.date)
    stale = decision.stale(d, proposal, loaded.doc.where(("decision", "outcome")))
    if stale:
        raise _refuse("Protokollet har ändrats efter beslutet", "The record changed after the decision", stale.hint, [stale])
    impartiality.check(loaded.model.auditor, root=root, company=company, company_doc=company_doc,
                       cohort_path=options.cohort, no_cohort=options.no_cohort)
    reg = registry.find(root, options.registry)
    with registry.locked(reg, f"decision-{d.id}"):  # one certificate per decision, even for runs at the same moment
        existing = _existing(reg, d)
        if existing is not None:
            rec, pdf = _complete(reg, existing, options.lang, root)
            written = documents.write_company_files(root, rec, options.lang, pdf)
            if d.certificate != rec.number:
                record.set_certificate(loaded.path, rec.number)
            return CertifyResult(rec, "completed", [_shown(root, p) for p in written])
        files_now = changes.submitted(folder, result.evidence)
        previous = _previous(reg, company.org_number)
        since = history.compare_with(previous, files_now, proposal.items) if previous else None
        rec, pdf = _issue(reg, standard, company, root, d, proposal, files_now, previous, today, options.lang)
        atomic.write_bytes(reg.pdf_path(rec.number, options.lang), pdf)
        if previous is not None and previous.superseded_by is None:
            old = registry.update(reg, previous.number, lambda r: r.model_copy(update={
                "superseded_by": rec.number, "superseded_on": rec.effective,
                "events": [*r.events, _event(today, "superseded", f"{rec.number}")],
            }))
            documents.refresh_copy(reg, old)
        written = documents.write_company_files(root, rec, options.lang, pdf)
        record.set_certificate(loaded.path, rec.number)
    return CertifyResult(rec, "issued", [_shown(root, p) for p in written], since)


def _shown(root: Path, path: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)


def _event(day: dt.date, action: str, reason: str | None = None):
    from asfcert.formats.certificate import Event

    return Event(date=day, action=action, reason=reason)


def _existing(reg, d):
    """The certificate already issued for this decision: named in the record, or found by
    the decision id after a run that stopped before it could write the record."""
    if d.certificate:
        found = registry.get(reg, d.certificate)
        if found is None:
            raise UserError(
                L10n(f"Certifikatet {d.certificate} finns inte i registret {reg.root}", f"The certificate {d.certificate} is not in the registry {reg.root}"),
                hint=L10n("Är det rätt register? Ange det med --registry.", "Is it the right registry? Give it with --registry."),
            )
        return found
    return next((r for r in registry.records(reg) if r.decision.id == d.id), None)


def _previous(reg, org_number: str):
    """The company's latest certificate in the registry, for re-certification."""
    digits = "".join(ch for ch in org_number if ch.isdigit())[-10:]
    mine = [r for r in registry.records(reg) if "".join(ch for ch in r.company.org_number if ch.isdigit())[-10:] == digits]
    return max(mine, key=lambda r: (r.effective, r.number), default=None)


def _issue(reg, standard, company, root, d, proposal, files_now, previous, today, lang):
    from asfcert.base.dates import add_months
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
    valid_until = add_months(effective, 12 * standard.policy.certificate_validity_years) - dt.timedelta(days=1)
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
    made: dict[str, bytes] = {}

    def make(number: str):
        base = CertificateRecord(
            format=registry.RECORD_FORMAT, number=number, certifier=model.certifier,
            certifier_org_number=model.certifier_org_number,
            company=CompanyRef(name=company.name, org_number=company.org_number, folder=reg.relative(root)),
            standard=StandardRef(id=standard.id, version=standard.version, title_sv=standard.title.sv, title_en=standard.title.en),
            decision=DecisionRef(id=d.id, date=d.date, auditor=d.auditor, outcome=d.outcome),
            effective=effective, valid_until=valid_until, issued=today,
            code=certificates.verification_code(model.certifier, number, company.org_number, effective, valid_until),
            remarks=remarks, previous=previous.number if previous else None,
            events=[_event(today, "issued")], snapshot=snapshot,
        )
        pdf = view.render_pdf(base, lang, model.verify_url)
        made[number] = pdf
        return base.model_copy(update={"documents": {lang: Document(file=f"{number}-{lang}.pdf", sha256=certificates.sha256(pdf))}})

    number, rec = registry.allocate(reg, effective.year, make)
    return rec, made[number]


def _complete(reg, rec, lang: Lang, root: Path):
    """The issued PDF in `lang` for an existing certificate: the registry's copy, else the
    company's copy, else rendered again. A PDF that was never written anywhere may get a
    new hash; one that exists and does not match the record is refused."""
    from asfcert.formats.certificate import Document

    doc = rec.documents.get(lang)
    reg_copy = reg.pdf_path(rec.number, lang)
    company_copy = Path(root) / documents.CERTIFICATE_DIR / f"{rec.number}-{lang}.pdf"
    if doc is not None:
        for copy in (reg_copy, company_copy):
            if copy.is_file() and certificates.sha256(copy.read_bytes()) == doc.sha256:
                pdf = copy.read_bytes()
                if not reg_copy.is_file():
                    atomic.write_bytes(reg_copy, pdf)
                return rec, pdf
        stray = [c for c in (reg_copy, company_copy) if c.is_file()]
        if stray:
            raise UserError(
                L10n(f"{stray[0]} stämmer inte med registrets post för {rec.number}", f"{stray[0]} does not match the registry's record for {rec.number}"),
                hint=L10n("Filen har ändrats efter utfärdandet. Kontrollera den med `asfcert verify`.",
                          "The file was changed after it was issued. Check it with `asfcert verify`."),
            )
    pdf = view.render_pdf(rec, lang, reg.model.verify_url)
    if doc is None or doc.sha256 != certificates.sha256(pdf):
        entry = Document(file=f"{rec.number}-{lang}.pdf", sha256=certificates.sha256(pdf))
        rec = registry.update(reg, rec.number, lambda r: r.model_copy(update={"documents": {**r.documents, lang: entry}}))
    atomic.write_bytes(reg_copy, pdf)
    return rec, pdf
