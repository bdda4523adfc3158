"""Where a run's templates are found: the user's folder first, file by file, then the built-in."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from antq_docs import resources
from antq_docs.errors import InputError
from antq_docs.kinds import REGISTRY
from antq_docs.messages import templates as msg

BUILTIN = "builtin:"


@dataclass(frozen=True)
class TemplateFile:
    """One template a document is made from: its path and how the manifest names it."""

    path: Path
    label: str
    user: bool


class TemplateSet:
    """The templates of a run: the user's folder first, file by file, then the built-in ones."""

    def __init__(self, folder: Path | None = None) -> None:
        if folder is not None and not Path(folder).exists():
            raise InputError(msg.FOLDER_NOT_FOUND, path=folder)
        if folder is not None and not Path(folder).is_dir():
            raise InputError(msg.FOLDER_IS_A_FILE, path=folder)
        self.folder = Path(folder) if folder is not None else None

    def strangers(self) -> list[Path]:
        """Word files of the user's folder that are no template's name (and so are not used)."""
        if self.folder is None:
            return []
        names = {n for kind in REGISTRY.values() for n in kind.templates}
        return sorted(
            p
            for p in self.folder.glob("*.docx")
            if p.name not in names and not p.name.startswith(("~$", "."))
        )

    def find(self, name: str) -> TemplateFile:
        """The user's file of that name when the folder has one, else the built-in template."""
        if self.folder is not None:
            own = self.folder / name
            if own.is_file():
                return TemplateFile(own, str(own), True)
        return TemplateFile(resources.template_path(name), BUILTIN + name, False)
