"""Swedish alphabetical order: å, ä, ö come after z (Zeta before Ängen)."""

from asfcert.base.text import sort_key


def test_a_a_o_after_z():
    names = ["Örn", "Ängen", "Zeta", "Åsa", "Adam", "Zäta", "Ärlig"]
    assert sorted(names, key=sort_key) == ["Adam", "Zeta", "Zäta", "Åsa", "Ängen", "Ärlig", "Örn"]
