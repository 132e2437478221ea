"""Is this PDF signed by the certifier, and unchanged since? Checked with pyHanko against
one trusted root certificate only (no system store, no network):

    valid           the last signature is sound, covers every byte of the file, and its
                    certificate chains to the root (valid at the signing time)
    altered         a byte changed, something was appended after the signature, or the
                    file cannot be read as the signed PDF it claims to be
    unknown-issuer  sound and complete, but signed by someone the root does not vouch for
    unsigned        no signature at all, nor any trace of one

The signing time is the one the signer states, or the RFC 3161 timestamp's when there is
one (`tsa_roots` are trusted for timestamps only; a timestamp from a TSA not trusted here
is reported as `timestamped: false`, and a broken one makes the file `altered`). `check`
parses the PDF in this process; `check_bounded` runs it in a child process with the
bounded reader's limits (evidence/worker.py: CPU time, memory, wall-clock time), as every
file from outside must be read: a hostile PDF then costs a `problem`, never a hang."""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import asdict, dataclass

# Several independent pieces of a signature value dictionary: one changed byte cannot remove them all.
_SIGNATURE_TRACE = re.compile(rb"/ByteRange\s*\[|/SubFilter\s*/|/Adobe\.PPKLite|/Type\s*/Sig\b|/ETSI\.CAdES|/adbe\.pkcs7")
VERDICTS = ("valid", "altered", "unknown-issuer", "unsigned")
FIELDS = ("verdict", "why", "signer", "signer_certificate", "signed_at", "timestamped", "subject", "dated")


@dataclass(frozen=True)
class SignatureCheck:
    verdict: str
    why: str = ""  # a stable word: signature, coverage, contents, chain, unreadable
    signer: str | None = None  # the signing certificate's subject
    signer_certificate: bytes | None = None  # DER, e.g. to check a QR token made by the same key
    signed_at: str | None = None  # ISO 8601
    timestamped: bool = False
    subject: str | None = None  # the PDF's /Subject, read here so that verify needs no second reader
    # The verdict is the same on every day: the chain was judged at the signing time the file
    # states, and no timestamp's certificate was judged today. Only such a verdict may be kept.
    dated: bool = False

    def to_dict(self) -> dict:
        data = asdict(self)
        data["signer_certificate"] = self.signer_certificate.hex() if self.signer_certificate else None
        return data


def _asn1(cert_bytes: bytes):
    from asn1crypto import pem, x509

    if pem.detect(cert_bytes):
        _, _, cert_bytes = pem.unarmor(cert_bytes)
    return x509.Certificate.load(cert_bytes)


def _contents(data: bytes, sig) -> bytes | None:
    """The CMS in the one span a signature leaves out, its /Contents string, when that
    string is exactly what a signer writes: `<`, upper-case hex, zero padding, `>`.
    Otherwise a byte of the padding, or the case of a hex digit, could change unseen."""
    import re

    try:
        start, first, second, _ = (int(v) for v in sig.sig_object["/ByteRange"])
    except (KeyError, TypeError, ValueError):
        return None
    gap = data[start + first : second]
    if len(gap) < 4 or len(gap) % 2 or not re.fullmatch(rb"<[0-9A-F]*>", gap):
        return None
    blob = bytes.fromhex(gap[1:-1].decode("ascii"))
    if blob[:1] != b"\x30" or len(blob) < 2:
        return None
    size = blob[1] & 0x7F if blob[1] >= 0x80 else 0
    end = 2 + size + (int.from_bytes(blob[2 : 2 + size], "big") if size else blob[1])
    return blob[:end] if end <= len(blob) and not any(blob[end:]) else None


def _cms_exact(blob: bytes, signer, root: bytes, timestamp: bool) -> bool:
    """The CMS holds what asfcert's signer writes and nothing else, in canonical DER. The
    signature does not cover the CMS envelope (its certificates, versions, algorithm
    fields), so without this a changed byte there would still verify."""
    from asn1crypto import cms

    try:
        info = cms.ContentInfo.load(blob)
        if info.dump(force=True) != blob or info["content_type"].native != "signed_data":
            return False
        data = info["content"]
        infos = data["signer_infos"]
        certificates = sorted(c.chosen.dump() for c in data["certificates"])
        if (data["version"].native, data["encap_content_info"].native, data["crls"].native, len(infos)) != (
            "v1", {"content_type": "data", "content": None}, None, 1
        ) or [a.native for a in data["digest_algorithms"]] != [{"algorithm": "sha256", "parameters": None}]:
            return False
        if certificates != sorted([signer.dump(), root]):
            return False
        si = infos[0]
        sid = si["sid"].chosen if si["sid"].name == "issuer_and_serial_number" else None
        tbs = signer["tbs_certificate"]
        if sid is None or sid["issuer"].dump() != tbs["issuer"].dump() or sid["serial_number"].dump() != tbs["serial_number"].dump():
            return False
        unsigned = [a["type"].native for a in si["unsigned_attrs"]] if si["unsigned_attrs"].native else []
        return (
            si["version"].native == "v1"
            and si["digest_algorithm"].native == {"algorithm": "sha256", "parameters": None}
            and si["signature_algorithm"].native == {"algorithm": "sha256_ecdsa", "parameters": None}
            and unsigned == (["signature_time_stamp_token"] if timestamp else [])
        )
    except Exception:  # noqa: BLE001 - asn1crypto parses lazily and fails in many ways on bad DER
        return False


def check(data: bytes, root: bytes, *, tsa_roots: tuple[bytes, ...] = ()) -> SignatureCheck:
    """The verdict on `data` (a PDF) given the trusted `root` certificate (PEM or DER)."""
    import logging  # here, not at the top: verify's fast path (certify/signature_fast.py) needs no logging

    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.status import SignatureCoverageLevel
    from pyhanko_certvalidator import ValidationContext

    logging.getLogger("pyhanko").setLevel(logging.CRITICAL)  # its warnings are our verdicts
    logging.getLogger("pyhanko_certvalidator").setLevel(logging.CRITICAL)
    trusted = _asn1(root)
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        signatures = reader.embedded_signatures
        if not signatures:
            # a file that still carries the pieces of a signature, but none pyHanko can
            # reach, had its form, field or signature dictionary broken: changed, not unsigned
            return SignatureCheck("altered", "signature", dated=True) if _SIGNATURE_TRACE.search(data) else SignatureCheck("unsigned", dated=True)
        sig = signatures[-1]
        subject = _subject(reader)
        moment = sig.self_reported_timestamp or dt.datetime.now(dt.timezone.utc)
        signer_vc = ValidationContext(trust_roots=[trusted], allow_fetching=False, moment=moment)
        ts_vc = ValidationContext(trust_roots=[trusted, *(_asn1(r) for r in tsa_roots)], allow_fetching=False)
        status = validate_pdf_signature(sig, signer_vc, ts_validation_context=ts_vc)
    except Exception:  # noqa: BLE001 - a malformed CMS or PDF fails inside pyHanko in many ways
        # (even AttributeError); only pyHanko runs in this block, and what it cannot read
        # is not the PDF the certifier signed.
        return SignatureCheck("altered", "unreadable")
    stamp = status.timestamp_validity
    common = {
        "signer": status.signing_cert.subject.human_friendly,
        "signer_certificate": status.signing_cert.dump(),
        "signed_at": (stamp.timestamp if stamp and stamp.intact and stamp.valid else moment).isoformat(),
        "timestamped": bool(stamp and stamp.intact and stamp.valid and stamp.trusted),
        "subject": subject,
        "dated": sig.self_reported_timestamp is not None and stamp is None,
    }
    if not (status.intact and status.valid) or (stamp is not None and not (stamp.intact and stamp.valid)):
        return SignatureCheck("altered", "signature", **common)
    if status.coverage != SignatureCoverageLevel.ENTIRE_FILE:
        return SignatureCheck("altered", "coverage", **common)
    if not status.trusted:
        return SignatureCheck("unknown-issuer", "chain", **common)
    blob = _contents(data, sig)
    if blob is None or not _cms_exact(blob, status.signing_cert, trusted.dump(), stamp is not None):
        return SignatureCheck("altered", "contents", **common)
    return SignatureCheck("valid", **common)


def _subject(reader) -> str | None:
    """/Subject of the document information dictionary, as pypdf reads it (not XMP's)."""
    try:
        subject = reader.trailer_view["/Info"].get("/Subject")
    except Exception:  # noqa: BLE001 - a broken /Info is no subject; the signature decides the rest
        return None
    return str(subject) if isinstance(subject, str) and subject else None


def from_dict(data: dict) -> SignatureCheck:
    """`SignatureCheck.to_dict` read back; ValueError, TypeError or AttributeError when
    `data` is not one."""
    values = {k: data.get(k) for k in FIELDS}
    if values["verdict"] not in VERDICTS:
        raise ValueError(f"not a verdict: {values['verdict']!r}")
    values["why"] = str(values["why"] or "")
    values["timestamped"] = bool(values["timestamped"])
    values["dated"] = values["dated"] is True
    values["subject"] = values["subject"] if isinstance(values["subject"], str) else None
    values["signer_certificate"] = bytes.fromhex(values["signer_certificate"]) if values["signer_certificate"] else None
    return SignatureCheck(**values)


_BOOT = "import sys; sys.path.insert(0, {root!r}); from asfcert.evidence.signature import serve; serve()"


def serve() -> None:
    """The child of `check_bounded`: limits from argv[1], one request on stdin
    ({"pdf", "root"}: base64), one answer on stdout (`SignatureCheck.to_dict`)."""
    import base64
    import json
    import os
    import sys

    from asfcert.evidence.worker_child import _cpu_budget, _set_limit

    limits = json.loads(sys.argv[1])
    if os.name == "posix":
        _set_limit("RLIMIT_CORE", 0)
        _set_limit("RLIMIT_AS", limits["memory_mb"] * 2**20)
        _cpu_budget(limits["cpu_seconds"])
    out = sys.stdout.buffer
    sys.stdout = sys.stderr  # nothing but the answer may reach the parent's pipe
    request = json.loads(sys.stdin.buffer.read())
    try:
        answer = check(base64.b64decode(request["pdf"]), base64.b64decode(request["root"])).to_dict()
    except MemoryError:
        os._exit(3)
    out.write(json.dumps(answer).encode() + b"\n")
    out.flush()


def check_bounded(data: bytes, root: bytes, limits=None) -> SignatureCheck | str:
    """`check` in a child process within `limits` (evidence.worker.Limits). A verdict, or
    the reader's problem word (`time`, `memory`, `cpu`, `crashed`) when the child could
    not give one."""
    import base64
    import json
    import os
    import signal
    import subprocess
    import sys
    from dataclasses import asdict
    from pathlib import Path

    import asfcert
    from asfcert.evidence.worker import Limits

    limits = limits or Limits()
    boot = _BOOT.format(root=str(Path(asfcert.__file__).resolve().parent.parent))
    request = json.dumps({"pdf": base64.b64encode(data).decode("ascii"), "root": base64.b64encode(root).decode("ascii")}).encode()
    try:
        proc = subprocess.run([sys.executable, "-c", boot, json.dumps(asdict(limits))], input=request, capture_output=True,
                              timeout=limits.wall_seconds, close_fds=True)
    except subprocess.TimeoutExpired:  # subprocess.run has killed the child
        return "time"
    except OSError:
        return "crashed"
    if proc.returncode != 0:
        if proc.returncode == 3 or (os.name == "posix" and proc.returncode == -signal.SIGKILL):
            return "memory"
        return "cpu" if os.name == "posix" and proc.returncode == -signal.SIGXCPU else "crashed"
    try:
        return from_dict(json.loads(proc.stdout))
    except (ValueError, TypeError, AttributeError):
        return "crashed"
