"""A sole trader's organisation number is a personal identity number: no document, output
or JSON of the auditor's workflow shows it unmasked."""

import json

from audit_helpers import DECIDED, audit, certify, pdf_text, set_results, setup

from asfcert.audit import report

PERSONAL = "811218-9876"


def test_a_personal_identity_number_is_masked_everywhere(tmp_path, capsys):
    from asfcert.base.resources import default_standard
    from asfcert.certify.verify import verify

    std = tmp_path / "std.yaml"
    text = default_standard().read_text(encoding="utf-8")
    std.write_text(text.replace("      - rule: org-number\n", "      - rule: org-number\n        allow_personal_number: true\n", 1), encoding="utf-8")
    root = setup(tmp_path, org_number=PERSONAL, legal_form="sole-trader",
                 owners=[{"name": "Innehavaren", "kind": "private-person", "share_percent": 100}])
    audit(root, standard=std, today=DECIDED)
    set_results(root)
    result = audit(root, standard=std, today=DECIDED, decide=True)
    assert result.decision.outcome == "certified"
    outputs = {"audit json": json.dumps(result.to_dict(), default=str)}
    for lang in ("sv", "en"):
        html_path, pdf_path = report.write(result, root, lang)
        outputs[f"report html {lang}"] = html_path.read_text(encoding="utf-8")
        outputs[f"report pdf {lang}"] = pdf_text(pdf_path)
    issued = certify(root, standard=std)
    cert_dir = root / "certificate"
    outputs["certify json"] = json.dumps(issued.to_dict(), default=str)
    outputs["certificate pdf"] = pdf_text(cert_dir / f"{issued.record.number}-sv.pdf")
    outputs["stamp"] = (cert_dir / f"stamp-{issued.record.number}-sv.svg").read_text(encoding="utf-8")
    outputs["verify json"] = json.dumps(verify(issued.record.number, registry_dir=root.parents[1]).to_dict())
    for name, text in outputs.items():
        assert "9876" not in text, name
    for name in ("audit json", "report pdf sv", "report html en", "certify json", "certificate pdf"):
        assert "811218-****" in outputs[name], name
