"""Encrypted evidence PDFs of every kind (RC4, AES-128 R4, AES-256 R5 and R6) are called
encrypted, never damaged: with only an owner password (an empty user password) they are
read, with an observation; with a user password they are `pdf-encrypted` and keep the
requirement open. 17 AES files of public test suites were reported as `pdf-damaged`
"(DependencyError: cryptography>=3.1 is required…)" before pypdf got its crypto support."""

from __future__ import annotations

import io
import subprocess
import sys

import pytest
from fixtures import hostile_pdfs
from helpers import make_company, only, requirement, run

PAYROLL = "evidence/lon/lonesammanstallning-per-roll.pdf"
STATUTES = "evidence/stadgar/stadgar.pdf"  # referred to by 3.1.a (blocker)
ALGORITHMS = ["RC4-128", "AES-128", "AES-256-R5", "AES-256"]


def encrypted(algorithm: str, user: str, *pages: str) -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(hostile_pdfs.text_pdf(*pages))))
    writer.encrypt(user_password=user, owner_password="agare", algorithm=algorithm)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def with_file(tmp_path, rel, data):
    root = make_company(tmp_path / "c")
    (root / rel).write_bytes(data)
    return root


@pytest.mark.parametrize("algorithm", ALGORITHMS)
def test_an_owner_password_only_is_read_with_an_observation(tmp_path, algorithm):
    result = run(with_file(tmp_path, PAYROLL, encrypted(algorithm, "", "Lönesammanställning per roll")))
    f = only(result, "pdf-restricted")
    assert (f.severity, f.location.file) == ("observation", PAYROLL)
    assert next(e for e in result.evidence if e.path == PAYROLL).pages == 1
    assert not {"pdf-damaged", "pdf-encrypted"} & {f.code for f in result.findings}
    assert result.exit_code == 0


@pytest.mark.parametrize("algorithm", ALGORITHMS)
def test_a_user_password_is_encrypted_and_keeps_the_requirement_open(tmp_path, algorithm):
    result = run(with_file(tmp_path, STATUTES, encrypted(algorithm, "hemligt", "Stadgar")))
    f = only(result, "pdf-encrypted")
    assert (f.location.file, f.severity, f.requirement) == (STATUTES, "blocker", "3.1.a")
    assert "pdf-damaged" not in {f.code for f in result.findings}
    assert requirement(result, "3.1.a").status == "open"


def test_without_a_crypto_library_aes_is_still_encrypted_never_damaged(tmp_path):
    """Where pypdf finds no crypto library it raises DependencyError while opening or
    decrypting an AES file: the file is encrypted all the same."""
    files = {}
    for algorithm in ("AES-128", "AES-256-R5", "AES-256"):
        for user in ("", "hemligt"):
            path = tmp_path / f"{algorithm}-{user or 'owner'}.pdf"
            path.write_bytes(encrypted(algorithm, user, "Text"))
            files[path.name] = str(path)
    code = (
        "import sys, json\n"
        "sys.modules['cryptography'] = None  # not installed\n"
        "sys.modules['Crypto'] = None\n"
        "from asfcert.evidence import pdf_facts\n"
        "out = {}\n"
        "for name, path in json.loads(sys.argv[1]).items():\n"
        "    facts = pdf_facts.read(open(path, 'rb').read())\n"
        "    out[name] = [facts['problem'], facts['encrypted']]\n"
        "print(json.dumps(out))\n"
    )
    import json

    proc = subprocess.run([sys.executable, "-c", code, json.dumps(files)], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    answers = json.loads(proc.stdout)
    assert all(encrypted_ for _, encrypted_ in answers.values()), answers
    assert {problem for problem, _ in answers.values()} <= {None, "encrypted"}, answers
    assert answers["AES-256-hemligt.pdf"][0] == answers["AES-256-R5-hemligt.pdf"][0] == "encrypted"
