"""io/yamlfile.read_bytes: the one read of a small file (os.open and one read of its size),
with the same refusals, located the same, as the buffered read it replaced."""

from __future__ import annotations

import os

import pytest

from asfcert.io.yamlfile import YamlProblem, read_bytes, read_file


def code_of(path, within=None, limit=2 * 1024 * 1024) -> str:
    with pytest.raises(YamlProblem) as refused:
        read_bytes(path, "shown.yaml", limit, within=within)
    assert refused.value.finding.location.file == "shown.yaml"
    return refused.value.finding.code


@pytest.mark.parametrize("size", [0, 1, 4095, 4096, 4097, 65_536, 200_001])
def test_every_byte_is_read(tmp_path, size):
    data = bytes(range(256)) * (size // 256) + bytes(range(size % 256))
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "f.yaml").write_bytes(data)
    assert read_bytes(tmp_path / "sub" / "f.yaml", "f.yaml") == data
    assert read_bytes(tmp_path / "sub" / "f.yaml", "f.yaml", within=tmp_path) == data


def test_the_limit_holds_to_the_byte(tmp_path):
    (tmp_path / "f.yaml").write_bytes(b"x" * 100)
    assert read_bytes(tmp_path / "f.yaml", "f.yaml", 100) == b"x" * 100
    assert code_of(tmp_path / "f.yaml", limit=99) == "file-too-large"


def test_missing_folder_fifo_and_device_are_refused_without_opening(tmp_path):
    assert code_of(tmp_path / "none.yaml", within=tmp_path) == "file-unreadable"
    (tmp_path / "dir.yaml").mkdir()
    assert code_of(tmp_path / "dir.yaml", within=tmp_path) == "not-a-file"
    os.mkfifo(tmp_path / "pipe.yaml")  # opened, this would wait for a writer
    assert code_of(tmp_path / "pipe.yaml", within=tmp_path) == "not-a-file"
    assert code_of(tmp_path / "pipe.yaml") == "not-a-file"
    assert code_of("/dev/null") == "not-a-file"


def test_links_inside_are_followed_and_links_out_refused(tmp_path):
    inside, outside = tmp_path / "in", tmp_path / "out"
    (inside / "sub").mkdir(parents=True)
    outside.mkdir()
    (inside / "sub" / "real.yaml").write_bytes(b"a: 1\n")
    (outside / "other.yaml").write_bytes(b"b: 2\n")
    os.symlink("sub/real.yaml", inside / "link.yaml")
    os.symlink(outside / "other.yaml", inside / "out.yaml")
    os.symlink(inside / "sub", inside / "linked-dir")
    raw, st = read_file(inside / "link.yaml", "link.yaml", within=inside)
    real = os.stat(inside / "sub" / "real.yaml")
    assert raw == b"a: 1\n" and (st.st_dev, st.st_ino) == (real.st_dev, real.st_ino)
    assert read_bytes(inside / "linked-dir" / "real.yaml", "x.yaml", within=inside) == b"a: 1\n"
    assert code_of(inside / "out.yaml", within=inside) == "file-outside-folder"
    assert read_bytes(inside / "out.yaml", "out.yaml") == b"b: 2\n"  # no folder given: no refusal
    os.symlink("finns-inte.yaml", inside / "dangling.yaml")
    assert code_of(inside / "dangling.yaml", within=inside) == "file-unreadable"


def test_one_record_parse_serves_every_path_to_the_same_file(tmp_path):
    """audit_record keeps its parses by the file (device, inode) and content: the same record
    reached through a linked folder is the same parse; an edit is a new one."""
    import audit_helpers

    from asfcert.records import audit_record

    company = audit_helpers.setup(tmp_path)
    audit_helpers.audit(company)
    os.symlink(company, tmp_path / "alias")
    first = audit_record.read(company)
    again = audit_record.read(tmp_path / "alias")
    assert again.doc is first.doc and again.root == tmp_path / "alias"
    path = audit_record.path_of(company)
    path.write_bytes(path.read_bytes() + b"# the auditor's note\n")
    edited = audit_record.read(company)
    assert edited.doc is not first.doc and edited.model is not None


def test_a_file_longer_than_its_status_said_is_read_to_its_end_or_the_limit(tmp_path):
    """A file that grew between the stat and the read: read on, to its end or one byte
    past the limit (the caller's size check then refuses it), as the buffered read did."""
    from asfcert.io.bounded_read import read_at_most

    data = bytes(range(256)) * 1000
    (tmp_path / "f.yaml").write_bytes(data)
    for size, limit, expected in [(10, 10**6, data), (0, 10**6, data), (10, 5000, data[:5001]), (len(data), len(data), data)]:
        fd = os.open(tmp_path / "f.yaml", os.O_RDONLY)
        try:
            assert read_at_most(fd, size, limit + 1) == expected
        finally:
            os.close(fd)
