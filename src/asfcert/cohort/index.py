"""The run's index: what each folder of a cohort run gave, with the signature of every
folder and file it had then, in one cache entry per run's folder, standard, date and
options, so that a run where nothing changed reads one file, not one per company.

A folder is taken from it only when every folder and file it had has the same signature
(company/signatures.py: size, mtime, ctime, inode, device): a folder whose signature holds
lists the same entries, and a file whose signature holds has the same content. So a new,
removed or edited file is seen without listing or reading anything.

The entry is plain data in `marshal`'s format (our own cache file, never evidence): it
decodes several times faster than JSON, and keeps tuples as tuples, so that each file's
signature is compared as it is. Each folder's row holds the absolute paths to look at,
their signatures, the check as the report takes it (cohort/checked.py) and the records;
the clauses' titles are kept once. An entry that cannot be used (damaged, of another
version) is ignored: its folders are checked again and the entry written again."""

from __future__ import annotations

import gc
import marshal
import os
import sys
from pathlib import Path

from asfcert.assess.lifecycle import Records
from asfcert.cohort.checked import CompanyCheck, row
from asfcert.company.signatures import signature
from asfcert.io.cache import Cache, key

INDEX = "cohort-index"
_SUFFIX = ".marshal"
_FORMAT = 2
_RECORD_LISTS = ("open_remarks", "problems")


class Index:
    """The index of one run's folder: `get` what an unchanged folder gave, `note` what a
    checked one gave, `save` once at the end."""

    def __init__(self, root: Path | None, options):
        from asfcert.assess.checker import RESULT_VERSION, standard_digest

        self.cache = Cache(options.use_cache)
        std = standard_digest(options) if root is not None and self.cache.enabled else None
        # marshal's format may change with Python: its version is part of the key
        self.digest = std and key(INDEX, _FORMAT, RESULT_VERSION, marshal.version, sys.version_info[:2], std,
                                  options.today.isoformat(), options.strict_privacy, os.path.realpath(root))
        self.titles, self.before = self._load()
        self.now: dict[str, tuple] = {}  # real path -> row, of this run's folders
        self.changed = False
        self.real: dict[Path, str] = {}  # the folders' real paths, the rows' keys
        self._columns: dict[tuple, tuple] = {}
        self._parents: dict[str, str] = {}  # folder -> its real path

    def _load(self) -> tuple[dict, dict]:
        raw = self.cache.get_bytes(INDEX, self.digest, _SUFFIX) if self.digest else None
        if raw is None:
            return {}, {}
        try:
            form, titles, folders = _bulk(raw)
            if form != _FORMAT or type(titles) is not dict or type(folders) is not dict:
                raise ValueError("not a run index")
            for title in titles.values():
                if type(title) is not dict or type(title["sv"]) is not str or type(title["en"]) is not str:
                    raise ValueError("not a clause title")
        except Exception:  # noqa: BLE001 - marshal says EOFError, ValueError or TypeError: check every folder
            return {}, {}
        return titles, folders

    def get(self, path: Path) -> tuple[CompanyCheck, Records] | None:
        """What the folder gave last time, if nothing in it changed; None when something did
        (or its row is damaged)."""
        real = self._real(path)
        done = self._kept(real)
        if done is None:  # perhaps a folder that is a link: looked up, and noted, under its real path
            guessed, real = real, os.path.realpath(path)
            done = self._kept(real) if real != guessed else None
        self.real[path] = real
        return done

    def _kept(self, real: str) -> tuple[CompanyCheck, Records] | None:
        found = self.before.get(real)
        if type(found) is not tuple:
            return None
        try:
            paths, signatures, check, records = found
            # the folder itself first: what refuse_unfit asked held when it was indexed
            if type(paths) is not tuple or paths[0] != real or not _unchanged(paths, signatures):
                return None
            done = CompanyCheck.from_row(check, self.titles, self._columns), _records(records)
        except (AttributeError, IndexError, KeyError, TypeError, ValueError):
            return None
        self.now[real] = found
        return done

    def _real(self, path: Path) -> str:
        """The folder's real path if it is not a link: its cohort folder's real path (found
        once for all its companies) and its name. Where the folder is a link now, its own
        signature is not the one of the folder indexed under that path (its first): a miss."""
        parent, name = os.path.split(path)
        if name in ("", ".", ".."):
            return os.path.realpath(path)
        real_parent = self._parents.get(parent)
        if real_parent is None:
            real_parent = self._parents[parent] = os.path.realpath(parent)
        return os.path.join(real_parent, name)

    def note(self, path: Path, outcome) -> None:
        """Index what a folder gave when checked: (summary, records, signed files) as plain
        data (cohort/run.py), or None when it cannot be indexed (a file changed meanwhile,
        one with no signature to trust): then it is checked again next time."""
        if outcome is None:  # not in this run's index: written again only if it was in the last one
            return
        self.changed = True
        summary, records, signed = outcome
        real = self.real.get(path) or os.path.realpath(path)
        paths, signatures, folder = [], [], None
        for rel, *sig in signed["folders"]:  # never a name that is not UTF-8 (signed_files)
            paths.append(f"{real}/{rel}" if rel else real)
            signatures.append(tuple(sig))
        for rel, *sig in signed["files"]:
            if "%" in rel:  # perhaps a name that is not UTF-8, shown escaped: the name on disk
                folder = folder or _folder(real)
                paths.append(str(folder.path_of(rel)))
            else:
                paths.append(f"{real}/{rel}")
            signatures.append(tuple(sig))
        self.now[real] = (tuple(paths), tuple(signatures), row(summary, self.titles), records)

    def save(self) -> None:
        if not self.digest or not (self.changed or self.now.keys() != self.before.keys()):
            return
        try:
            raw = marshal.dumps((_FORMAT, self.titles, self.now))
        except ValueError:  # a value marshal cannot hold: not indexed
            return
        self.cache.put_bytes(INDEX, self.digest, raw, _SUFFIX)


def _bulk(raw: bytes):
    """The index's data, a few hundred thousand objects that all live until the report is
    shown: built with the collector off (it would walk them every few hundred objects),
    then frozen out of its way (cli/__init__.py does the same with what start-up built).
    The data holds no cycle, so refcounting alone frees it."""
    was = gc.isenabled()
    gc.disable()
    try:
        return marshal.loads(raw)
    finally:
        gc.freeze()
        if was:
            gc.enable()


def _unchanged(paths: tuple, signatures: tuple) -> bool:
    if len(paths) != len(signatures):
        raise ValueError("not a row of the index")
    lstat = os.lstat
    for path, sig in zip(paths, signatures):
        try:
            st = lstat(path)
        except OSError:
            return False
        if signature(st) != sig:
            return False
    return True


def _records(values: dict) -> Records:
    records = Records(**values)
    for name, value in vars(records).items():
        if not (value is None or type(value) is str or name in _RECORD_LISTS and type(value) is list):
            raise ValueError("not the records of a company")
    return records


def _folder(real: str):
    from asfcert.company.folder import CompanyFolder

    return CompanyFolder(real, resolved=True)
