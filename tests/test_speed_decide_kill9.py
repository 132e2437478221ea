"""A spliced decision (`audit --decide` without the round trip, tests/test_speed_decide.py)
is written as every record is, atomically: killed with SIGKILL at any moment, the real
`asfcert` leaves the record as it was or with the whole new decision after the same text,
never half of one. The kills and the checks are those of tests/test_kill9.py."""

from __future__ import annotations

import re
import sys

import pytest
from corpus.world import AS_OF, DECIDED, build, copy
from test_kill9 import _record_parses, finish, killed_runs, proved

from asfcert.records import audit_record as record
from asfcert.records import decision_splice as splice

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="inotify and process groups as on Linux")


def test_a_spliced_decision_is_old_or_new_after_kill_9(tmp_path_factory, tmp_path, monkeypatch):
    from audit_helpers import audit

    from asfcert.formats.audit import AuditRecord

    world = copy(build(tmp_path_factory.mktemp("decide-kill9") / "world"), tmp_path / "world")
    folder = world.company(DECIDED)
    path = folder / "audit" / "audit.yaml"
    argv = ["audit", str(folder), "--decide", "--as-of", AS_OF.isoformat()]
    for _ in range(2):  # the first brings `updated` to this day; the second shows only the decision changes
        done = finish(argv, tmp_path)
        assert done.code == 0, done.describe()
    old = path.read_bytes()
    prefix = splice.before_decision(record.read(folder))
    assert prefix is not None

    # the next decision is spliced: in this process, with the cache the runs use, no round trip
    monkeypatch.setenv("ASFCERT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(record.Record, "editable", lambda self: pytest.fail("the round trip was taken"))
    assert audit(folder, decide=True, today=AS_OF).decision is not None
    assert path.read_bytes() != old and splice.before_decision(record.read(folder)) == prefix

    def restore():
        path.write_bytes(old)

    def check(leftovers):
        now = path.read_bytes()
        _record_parses(path, AuditRecord)
        if now != old:  # a new decision, whole, after the same text
            assert splice.before_decision(record.read(folder)) == prefix
            assert record.read(folder).decision is not None
        assert all(p.parent == path.parent and p.name.startswith(".audit.yaml.") for p in leftovers), leftovers

    mid_write = killed_runs(argv, tmp_path, [path.parent], re.compile(r"^(\.audit\.yaml\..*\.tmp|audit\.yaml)$"),
                            done.seconds, 12, restore, check)
    again = finish(argv, tmp_path)  # the leftovers are not records: the next run decides
    assert again.code == 0 and splice.before_decision(record.read(folder)) == prefix, again.describe()
    proved(mid_write)
