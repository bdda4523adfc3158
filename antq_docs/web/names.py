"""The page's file names: Vietnamese words folded to ASCII, for Windows and USB sticks.

The command line's folder keeps its layout (pledge/KT-01.docx, read back by `check`); what the
page hands out is named for a person: cam-ket/KT-01-cam-ket.docx, so a unit's documents of
every kind no longer share one download name. A ZIP of such names sent back to be checked is
laid out again as the command line's folder (internal_path).
"""

from __future__ import annotations

import zipfile
from pathlib import Path, PurePosixPath

from antq_docs.kinds import REGISTRY
from antq_docs.vi import slug

# Kind name → its folder on the page ('pledge' → 'cam-ket'), from each kind's short label.
FOLDERS = {name: slug(kind.short) for name, kind in REGISTRY.items()}
_KINDS = {folder: name for name, folder in FOLDERS.items()}


def public_path(path: str) -> str:
    """'pledge/KT-01.docx' → 'cam-ket/KT-01-cam-ket.docx'; other paths unchanged."""
    parts = PurePosixPath(path).parts
    if len(parts) != 2 or parts[0] not in FOLDERS:
        return path
    folder = FOLDERS[parts[0]]
    name = PurePosixPath(parts[1])
    return f"{folder}/{name.stem}-{folder}{name.suffix}"


def internal_path(path: str) -> str:
    """The inverse of public_path: 'cam-ket/KT-01-cam-ket.pdf' → 'pledge/KT-01.pdf'."""
    parts = PurePosixPath(path).parts
    if len(parts) < 2 or parts[-2] not in _KINDS:
        return path
    folder = parts[-2]
    name = PurePosixPath(parts[-1])
    stem = name.stem.removesuffix(f"-{folder}")
    return "/".join((*parts[:-2], _KINDS[folder], f"{stem}{name.suffix}"))


def relayout(folder: Path) -> dict[str, str]:
    """Rename the page's names inside an unpacked folder back to the command line's layout.

    Returns each renamed file's new path → the name it was uploaded under, so what the check
    says of a file names it as the user knows it.
    """
    renamed: dict[str, str] = {}
    for path in sorted(folder.rglob("*")):
        if not path.is_file():
            continue
        rel = path.relative_to(folder).as_posix()
        target = folder / internal_path(rel)
        if target != path and not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            path.rename(target)
            renamed[target.relative_to(folder).as_posix()] = rel
    for path in sorted(folder.rglob("*"), reverse=True):
        if path.is_dir() and path.name in _KINDS and not any(path.iterdir()):
            path.rmdir()
    return renamed


def zip_public(folder: Path, archive: Path, skip: tuple[str, ...] = ()) -> None:
    """Write every file under folder into archive, each under its page name.

    The .docx are stored as they are: they are ZIPs already, and compressing them again costs
    time for nothing.
    """
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(folder.rglob("*")):
            if path.is_file() and path.name not in skip and not path.name.startswith("."):
                stored = path.suffix.lower() in (".docx", ".xlsx", ".pdf")
                zf.write(
                    path,
                    public_path(path.relative_to(folder).as_posix()),
                    compress_type=zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED,
                )
