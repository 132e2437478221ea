"""An operating-system error in words of the user's language.

`strerror` is English ("No such file or directory") whatever the language asked for, so
it never goes into a message. A known errno gets its Swedish and English; any other is
named by its symbol (`EBUSY`), which is not a word of either language."""

from __future__ import annotations

import errno

from asfcert.base.i18n import L10n

_REASONS = {
    errno.ENOENT: L10n("finns inte", "does not exist"),
    errno.EACCES: L10n("behörighet saknas", "permission denied"),
    errno.EPERM: L10n("åtgärden är inte tillåten", "operation not permitted"),
    errno.EISDIR: L10n("det är en mapp", "it is a folder"),
    errno.ENOTDIR: L10n("en del av sökvägen är inte en mapp", "a part of the path is not a folder"),
    errno.EEXIST: L10n("finns redan", "exists already"),
    errno.ENOSPC: L10n("disken är full", "the disk is full"),
    errno.EROFS: L10n("filsystemet är skrivskyddat", "the file system is read-only"),
    errno.ELOOP: L10n("för många symboliska länkar i rad", "too many symbolic links in a row"),
    errno.ENAMETOOLONG: L10n("namnet är för långt", "the name is too long"),
    errno.EIO: L10n("läs- eller skrivfel på disken", "a read or write error on the disk"),
    errno.EMFILE: L10n("för många öppna filer", "too many open files"),
    errno.ENXIO: L10n("enheten finns inte", "no such device"),
    errno.EXDEV: L10n("kan inte flyttas mellan filsystem", "cannot be moved between file systems"),
    errno.ENOTEMPTY: L10n("mappen är inte tom", "the folder is not empty"),
    errno.EBUSY: L10n("används av ett annat program", "in use by something else"),
    errno.EDQUOT: L10n("diskkvoten är slut", "the disk quota is used up"),
    errno.EFBIG: L10n("filen är för stor", "the file is too large"),
}


def reason(error: OSError) -> L10n:
    """What went wrong, in both languages: never `strerror`'s English."""
    if error.errno in _REASONS:
        return _REASONS[error.errno]
    if isinstance(error, PermissionError):
        return _REASONS[errno.EACCES]
    symbol = errno.errorcode.get(error.errno) if error.errno else None
    if symbol:
        return L10n(f"systemfel {symbol}", f"system error {symbol}")
    return L10n(f"systemfel ({type(error).__name__})", f"system error ({type(error).__name__})")
