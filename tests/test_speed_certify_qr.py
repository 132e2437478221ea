"""The certificate's QR code without importing the `segno` package (render/certificate/
qrcode.py): the PNG is byte for byte what segno writes, from segno's own encoder loaded
alone, and the run imports neither segno's writers nor what they pull in (urllib.request)."""

from __future__ import annotations

import io
import json
import random
import string
import subprocess
import sys

import pytest
import segno

from asfcert.render.certificate import qrcode

ALPHABET = string.ascii_letters + string.digits + "-_."


def by_segno(text: str) -> bytes:
    buf = io.BytesIO()
    segno.make(text, error="m", micro=False).save(buf, kind="png", scale=8, border=2, dark="#1b3d2c")
    return buf.getvalue()


def texts() -> list[str]:
    rng = random.Random(17)
    tokens = ["".join(rng.choice(ALPHABET) for _ in range(n)) for n in (1, 7, 20, 53, 100, 150, 187, 190, 230, 300, 400)]
    return [
        *tokens,
        "https://skoopi.example/asf/c/ASF-2027-0001?code=ABCD-EFGH-IJKL",  # the verification page
        "HTTPS://SKOOPI.EXAMPLE/ASF/C/ASF-2027-0001",  # alphanumeric mode
        "2027000100420",  # numeric mode
        "Gröna Händer på Åkern – intyg",  # not ASCII
        "綠手",  # not Latin-1
    ]


@pytest.mark.parametrize("text", texts())
def test_the_png_is_segnos_byte_for_byte(text):
    assert qrcode.png(text) == by_segno(text)


def test_a_run_loads_segnos_encoder_alone_and_draws_the_same_bytes():
    code = (
        "import json, sys\n"
        "from asfcert.render.certificate import qrcode\n"
        "out = [qrcode.png(t).hex() for t in json.loads(sys.argv[1])]\n"
        "print(json.dumps({'png': out, 'segno': 'segno' in sys.modules, 'urllib': 'urllib.request' in sys.modules}))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code, json.dumps(texts())], capture_output=True, text=True, check=True)
    got = json.loads(proc.stdout)
    assert got["segno"] is False and got["urllib"] is False
    assert [bytes.fromhex(h) for h in got["png"]] == [by_segno(t) for t in texts()]
