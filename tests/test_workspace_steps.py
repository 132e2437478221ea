"""What to do next: three steps, the most useful first, each with a link."""

from __future__ import annotations

from helpers import make_company, run

from asfcert.workspace.places import Places
from asfcert.workspace.steps import next_steps


def steps(folder, lang="sv"):
    return next_steps(run(folder), Places(folder, lang), lang)


def test_an_input_error_comes_first(tmp_path):
    folder = make_company(tmp_path / "co")
    text = (folder / "company.yaml").read_text(encoding="utf-8").replace("employees: 10", "employees: tio")
    (folder / "company.yaml").write_text(text, encoding="utf-8")
    first = steps(folder)[0]
    assert first.text.startswith("Rätta Profil: Personal:") and first.url == "/profile/headcount#f-headcount-employees"


def test_a_failing_rule_names_the_figure_and_links_to_the_field(tmp_path):
    folder = make_company(tmp_path / "co", pay=[{"role": "Chef", "monthly_sek": 41000}, {"role": "Medarbetare", "monthly_sek": 16000}])
    first = steps(folder)[0]
    assert "41 000 / 16 000 = 2,56 > 2,5" in first.text and first.url == "/profile/pay#f-pay-0-monthly_sek"
    assert first.why == "Det hindrar certifiering."


def test_missing_profile_data_is_one_step_naming_the_sections(tmp_path):
    folder = make_company(tmp_path / "co", pay=None, owners=None)
    texts = [s.text for s in steps(folder)]
    assert any(t.startswith("Fyll i ") and "ägare" in t and "lön per roll" in t for t in texts), texts


def test_unanswered_requirements_are_one_step_that_starts_with_the_first(tmp_path):
    folder = make_company(tmp_path / "co", answers={})
    step = next(s for s in steps(folder) if s.text.startswith("Besvara"))
    assert step.text.startswith("Besvara 12 krav") and "Börja med 3.1.a" in step.text and step.url.startswith("/req/3.1.a")
    assert next(s for s in steps(folder, "en") if s.text.startswith("Answer")).text.startswith("Answer 12 requirements")


def test_a_ready_folder_without_findings_says_it_is_done(tmp_path):
    folder = make_company(tmp_path / "co")
    found = steps(folder)
    assert len(found) == 1 and found[0].text.startswith("Allt är klart") and found[0].url is None
