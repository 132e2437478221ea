"""A rebuild writes only what changed; one that would change nothing writes nothing.

After each build the cache keeps, per site folder and registry (their real paths), what
the site was made from and what it then held (`Kept`):

- `sources`: one digest of everything the build read: the tool, the date, registry.yaml,
  complaints.yaml, the standard file, every certificate record, the company.yaml of every
  listed company, the keys, and the templates. Each file is fed as its SHA-256, taken
  again only when its signature changed (company/signatures.py), so no edit goes unseen
  and nothing is parsed.
- `files`: every file of the site the build wrote or carried over, with its SHA-256 and
  its signature (size, mtime, ctime, inode, device) once in place.
- `made`: for each company page and verification page, what it was made from.
- `summary`: what the build said (counts, findings, the root's fingerprint).

The next build of the same registry into the same folder computes `sources` again; when
it matches, it walks the site (stat only): every file it wrote must still be there with
the same signature, and nothing may be there that a build would remove. A file changed
too recently for its signature to be trusted (RACY_NS) is hashed and compared by
content. Then the site is byte for byte what a build would write (the signed files keep
their signatures and time of signing: they state the same list as of the same day), and
the build returns the kept summary without writing anything. Otherwise the site is built
and swapped in as always, but a page made from exactly what it was made from before, and
still as written, is carried over (`Reuse`) instead of made again. On any entry that
cannot be read, everything is made anew."""

from __future__ import annotations

import hashlib
import os
import stat
import time
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from asfcert.base.layout import REGISTRY_CERT_DIR, REGISTRY_FILE
from asfcert.company.signatures import RACY_NS, signature
from asfcert.io.cache import Cache, key

NAMESPACE = "site-build"
_VERSION = 1
_YAML_LIMIT = 2 * 1024 * 1024 + 1  # yamlfile refuses larger files: reading more tells nothing


@dataclass
class Kept:
    """The kept record of the last build of one site from one registry."""

    slot: str
    sources: str
    companies: list[str]  # the company folders the listing read company.yaml from
    files: dict[str, list]  # relative path -> [size, mtime_ns, ctime_ns, inode, device, sha256]
    checked_at: int  # time.time_ns() before the signatures were taken
    summary: dict
    made: dict[str, str]  # relative path -> what a page was made from (Reuse.key), for the pages a build may reuse
    refreshed: bool = False  # site_unchanged re-took signatures

    def to_cache(self) -> dict:
        return {"sources": self.sources, "companies": self.companies, "files": self.files, "checked_at": self.checked_at,
                "summary": self.summary, "made": self.made}

    @classmethod
    def from_cache(cls, slot: str, d) -> Kept | None:
        """None for an entry of another shape (damaged, or written by another version);
        a damaged file entry only fails its comparison (`site_unchanged`)."""
        try:
            kept = cls(slot, d["sources"], list(d["companies"]), dict(d["files"]), int(d["checked_at"]), dict(d["summary"]),
                       dict(d["made"]))
        except (KeyError, TypeError, ValueError):
            return None
        if not isinstance(kept.sources, str) or not all(isinstance(c, str) for c in kept.companies):
            return None
        return kept


def slot(registry_dir: Path, out: Path) -> str:
    """Where the record of a site's last build is kept: per site folder and registry (as
    given too: the summary names the registry as it was given)."""
    return key(NAMESPACE, _VERSION, os.path.realpath(registry_dir), str(registry_dir), os.path.realpath(out))


class _Digest:
    """A running SHA-256 of files and texts, and the newest change among those files. A
    file is fed as its SHA-256, taken again only when its signature changed
    (company/signatures.py: the registry's files are in the registry root's store)."""

    def __init__(self, known) -> None:
        self.h = hashlib.sha256()
        self.newest = 0
        self.known = known  # signatures.Signatures, or None: every file is read

    def text(self, value) -> None:
        self.h.update(b"\0" + str(value).encode("utf-8", "surrogateescape"))

    def file(self, path: str, limit: int = -1) -> None:
        """The file's content, or what stands there instead (a folder, a FIFO, nothing): a
        different answer gives a different digest."""
        try:
            st = os.stat(path)
        except OSError as e:
            return self.text(f"missing {e.errno}")
        self.newest = max(self.newest, st.st_mtime_ns, st.st_ctime_ns)
        if not stat.S_ISREG(st.st_mode):
            return self.text(f"mode {stat.S_IFMT(st.st_mode)}")
        digest = self.known.get(path, st) if self.known is not None else None
        if digest is None:
            try:
                with open(path, "rb") as fh:
                    digest = hashlib.sha256(fh.read(limit)).hexdigest()
            except OSError as e:
                return self.text(f"unreadable {e.errno}")
            if self.known is not None:
                self.known.put(path, st, digest)  # the status taken before reading
        self.text(digest)

    def folder(self, folder: str, suffix: str, limit: int = -1) -> None:
        """Every entry of `folder` whose name ends with `suffix`, hidden ones too; where an
        entry is a link, where it leads."""
        try:
            with os.scandir(folder) as scan:
                entries = sorted((e.name, e.is_symlink()) for e in scan if e.name.endswith(suffix))
        except OSError as e:
            return self.text(f"no folder {e.errno}")
        self.text(os.path.realpath(folder))
        for name, link in entries:
            path = os.path.join(folder, name)
            self.text(os.path.realpath(path) if link else name)
            self.file(path, limit)


def _templates(d: _Digest) -> None:
    """The templates a site is made from (the code is in the cache key already)."""
    from asfcert.render.common.pdfdoc import templates_dir

    templates = templates_dir()
    d.folder(os.fspath(templates / "site"), "")
    d.file(os.fspath(templates / "stamp.svg.j2"))


def sources(cache: Cache, registry_dir: Path, today, standard: Path, companies: list[str]) -> tuple[str, int]:
    """The digest of everything a build of `registry_dir` on `today` reads, given the
    company folders its listing names, and the newest change time among those files."""
    from asfcert.company import signatures
    from asfcert.records.complaints import COMPLAINTS_FILE
    from asfcert.records.keys import KEYS_DIR

    root = os.path.realpath(registry_dir)
    d = _Digest(signatures.load(root, cache))
    d.text(today.isoformat())
    for name in (REGISTRY_FILE, COMPLAINTS_FILE):
        d.text(os.path.realpath(os.path.join(root, name)))
        d.file(os.path.join(root, name), _YAML_LIMIT)
    d.text(os.path.realpath(standard))
    d.file(os.fspath(standard))
    d.folder(os.path.join(root, REGISTRY_CERT_DIR), ".yaml", _YAML_LIMIT)
    d.folder(os.path.join(root, KEYS_DIR), "")
    for folder in companies:
        path = os.path.realpath(os.path.join(root, folder, "company.yaml"))
        d.text(f"{folder}\0{path}")
        d.file(path, _YAML_LIMIT)
    _templates(d)
    signatures.save(root, cache)
    return key(NAMESPACE, "sources", d.h.hexdigest()), d.newest


@dataclass
class Recalled:
    """What `recall` found: the kept build when nothing it read has changed (`kept`), and
    the kept build in any case (`previous`: its pages may be reused)."""

    kept: Kept | None
    previous: Kept | None = None


def recall(cache: Cache, registry_dir: Path, out: Path, today, standard: Path) -> Recalled:
    """Before the build reads anything: the kept record of the last build when the
    registry, the date and everything else read are as they were then."""
    if not cache.enabled:
        return Recalled(None)
    here = slot(registry_dir, out)
    kept = Kept.from_cache(here, cache.get(NAMESPACE, here))
    if kept is None:
        return Recalled(None)
    digest, _ = sources(cache, registry_dir, today, standard, kept.companies)
    return Recalled(kept if kept.sources == digest else None, kept)


def site_unchanged(kept: Kept, out: Path, keep) -> bool:
    """Whether the site holds exactly the kept files, and nothing a build would remove
    (`keep(rel)`: whether a build leaves a file it did not write). Signatures re-taken
    here, of files whose bytes were compared, are noted in `kept` (see `keep_checked`)."""
    started = time.time_ns()
    trusted_before = kept.checked_at - RACY_NS
    folders = [(os.path.realpath(out), "")]
    seen = 0
    while folders:
        folder, prefix = folders.pop()
        try:
            scan = os.scandir(folder)
        except OSError:
            return False
        with scan:
            for item in scan:
                rel = prefix + item.name
                if item.is_dir(follow_symlinks=False):
                    folders.append((item.path, rel + "/"))
                    continue
                entry = kept.files.get(rel)
                if entry is None:
                    if not keep(PurePosixPath(rel)):
                        return False  # a build would remove it
                    continue
                try:
                    st = item.stat(follow_symlinks=False)
                except OSError:
                    return False
                if not _trusted(st, entry, trusted_before):
                    if not (stat.S_ISREG(st.st_mode) and isinstance(entry, list) and len(entry) == 6
                            and _sha256(item.path) == entry[5]):
                        return False
                    entry[:5] = signature(st)  # taken before reading: a write during the read changes it
                    kept.refreshed = True
                seen += 1
    if kept.refreshed:
        kept.checked_at = started
    return seen == len(kept.files)


def _trusted(st: os.stat_result, entry: list, trusted_before: int) -> bool:
    """Whether the file is as it was when its signature was taken, without reading it."""
    return (isinstance(entry, list) and len(entry) == 6 and entry[0] == st.st_size and entry[1] == st.st_mtime_ns and entry[2] == st.st_ctime_ns and entry[3] == st.st_ino
            and entry[4] == st.st_dev and st.st_mtime_ns <= trusted_before and st.st_ctime_ns <= trusted_before)


def _sha256(path: str) -> str | None:
    try:
        with open(path, "rb") as fh:
            return hashlib.file_digest(fh, "sha256").hexdigest()
    except OSError:
        return None


def keep_checked(cache: Cache, kept: Kept) -> None:
    """Keep the signatures `site_unchanged` re-took, so the next run need not read the
    files again."""
    if kept.refreshed:
        cache.put(NAMESPACE, kept.slot, kept.to_cache())


class Reuse:
    """The pages of the site as it stands that this build would make again from the same
    data: they are carried over into the new site (io/folder_swap.py links what the build
    does not write and `keep` accepts) instead of made again. A page is reused only when
    the kept build says it was made from exactly what this build would make it from
    (`key`: the page's data, the templates and the tool) and the file is still the one
    that build wrote (its signature, or else its bytes)."""

    def __init__(self, previous: Kept | None, out: Path, cache: Cache) -> None:
        self.previous = previous if cache.enabled else None
        self.real = os.path.realpath(out)
        self.carried: dict[str, str] = {}  # relative path -> SHA-256, of the pages reused
        self.made: dict[str, str] = {}  # relative path -> key, of every page that may be reused next time
        self._templates: str | None = None

    def key(self, kind: str, *data) -> str:
        """What a page is made from: `data` (JSON-able; dates as text), the templates and the tool."""
        import json

        if self._templates is None:
            d = _Digest(None)
            _templates(d)
            self._templates = d.h.hexdigest()
        return key(NAMESPACE, "page", kind, self._templates, *(json.dumps(x, sort_keys=True, default=str) for x in data))

    def take(self, rels: list[str], made_from: str) -> bool:
        """Whether the pages at `rels` (all of them) can be reused; they are noted as carried."""
        kept = self.previous
        if kept is None or not all(kept.made.get(rel) == made_from and self._intact(rel) for rel in rels):
            return False
        for rel in rels:
            self.carried[rel] = kept.files[rel][5]
            self.made[rel] = made_from
        return True

    def make(self, rels: list[str], made_from: str) -> None:
        """The pages at `rels` are made anew from `made_from`."""
        self.made.update(dict.fromkeys(rels, made_from))

    def _intact(self, rel: str) -> bool:
        entry = self.previous.files.get(rel)
        path = os.path.join(self.real, rel)
        try:
            st = os.lstat(path)
        except OSError:
            return False
        if _trusted(st, entry, self.previous.checked_at - RACY_NS):
            return True
        return stat.S_ISREG(st.st_mode) and isinstance(entry, list) and len(entry) == 6 and _sha256(path) == entry[5]


def remember(cache: Cache, registry_dir: Path, out: Path, today, standard: Path, started: int, companies: list[str],
             files: dict[PurePosixPath, bytes], reuse: Reuse, summary: dict) -> None:
    """Keep what this build read and wrote. `started`: time.time_ns() before the build
    read anything. The sources' digest is taken again now, and kept only when none of
    those files changed since RACY_NS before the build started (so it is the digest of
    what the build read); otherwise only the pages are kept, for `Reuse`. The files'
    signatures (those written, and those `reuse` carried over) are taken in place after
    the swap, and trusted only for files older than `started`, so a file changed right
    after the swap is compared by content next time."""
    if not cache.enabled:
        return
    digest, newest = sources(cache, registry_dir, today, standard, companies)
    if newest > started - RACY_NS:
        digest = ""  # a file read may have changed while the build ran: the next build builds again (reusing pages)
    hashes = {rel.as_posix(): hashlib.sha256(data).hexdigest() for rel, data in files.items()}
    hashes.update(reuse.carried)
    kept: dict[str, list] = {}
    for rel, sha in hashes.items():
        try:
            st = os.lstat(os.path.join(reuse.real, rel))
        except OSError:
            return  # something changed the site already: the next build builds it again
        kept[rel] = [*signature(st), sha]
    entry = Kept(slot(registry_dir, out), digest, companies, kept, started, summary, reuse.made)
    cache.put(NAMESPACE, entry.slot, entry.to_cache())
