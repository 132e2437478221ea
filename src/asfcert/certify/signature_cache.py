"""The signature verdict on a certificate PDF, kept in the cache (io/cache.py) by the
SHA-256 of the file's bytes and of the trusted root, so the same certificate checked again
(another day, another --as-of) needs no pyHanko process. A certificate exactly as asfcert
signs it needs neither: signature_fast.py judges it valid in this process, before the cache.

Only a verdict that is the same on every day is kept (`SignatureCheck.dated`): the chain
judged at the signing time the file states, no timestamp judged today. What the bounded
child could not decide (`time`, `memory`, …) is never kept. The key holds pyHanko's
version too (`_checker`), so an upgrade judges every file anew; an entry that cannot be read is
dropped and the file checked again. The status (suspended, withdrawn, …) is never cached:
verify looks it up on every run."""

from __future__ import annotations

import hashlib

NAMESPACE = "verify-signature"


def checked(data: bytes, root: bytes):
    """`evidence.signature.check_bounded(data, root)`: `valid` at once for a file exactly as
    asfcert signs it (signature_fast.py), else from the cache when it has the verdict."""
    from asfcert.certify import signature_fast

    fast = signature_fast.check(data, root)
    if fast is not None:
        return fast

    from asfcert.evidence.signature import check_bounded, from_dict
    from asfcert.io.cache import Cache, key

    cache = Cache()
    entry = key("verify-signature/1", _checker(), hashlib.sha256(data).hexdigest(), hashlib.sha256(root).hexdigest())
    stored = cache.get(NAMESPACE, entry)
    if stored is not None:
        try:
            found = from_dict(stored)
            if found.dated:
                return found
        except (ValueError, TypeError, AttributeError):
            pass
        cache.drop(NAMESPACE, entry)
    sig = check_bounded(data, root)
    if not isinstance(sig, str) and sig.dated:
        cache.put(NAMESPACE, entry, sig.to_dict())
    return sig


def _checker() -> str:
    """What judges a signature, without importing it (importlib.metadata alone costs more
    than the rest of a warm verify): pyHanko's and its validator's installed versions, by
    their dist-info folders, and the modification times of their package folders, which a
    reinstall changes."""
    import os
    from importlib.util import find_spec

    parts, listed = [], {}
    for name in ("pyhanko", "pyhanko_certvalidator"):
        spec = find_spec(name)
        for folder in (spec.submodule_search_locations or []) if spec else []:
            site = os.path.dirname(folder)
            if site not in listed:
                listed[site] = [n for n in os.listdir(site) if n.endswith(".dist-info")]
            parts.append(f"{folder}:{os.stat(folder).st_mtime_ns}")
            prefix = name.replace("_", "-") + "-"
            parts += sorted(n for n in listed[site] if n.lower().replace("_", "-").startswith(prefix) and n[len(prefix):][:1].isdigit())
    return "\n".join(parts)
