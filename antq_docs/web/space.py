"""One browser's workspace: the files it gave, the sample when chosen, its unit and its jobs.

A cookie (antq_ws, a random token) names DATA/spaces/<token>/. Each file is kept there under a
stable name for its role (ke-hoach.yaml, danh-sach.xlsx…), and manifest.json records the name
it had on the user's computer and when it was given, so a page names the user's own file and
the next request, on any page, uses it until it is replaced or forgotten. A roster entry may
carry the date from which it is in force (rosters by period); the others are one file each.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import secrets
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from filelock import FileLock
from starlette.datastructures import MutableHeaders
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

COOKIE = "antq_ws"
# The stable file name of each role, without its suffix.
ROLES = {
    "campaign": "ke-hoach",
    "roster": "danh-sach",
    "results": "ket-qua",
    "scores": "bang-diem",
    "households": "ho-gia-dinh",
}
# The roles the sample fills when chosen (households are never the sample's).
SAMPLE_ROLES = ("campaign", "roster", "results", "scores")
TABLE_SUFFIXES = (".xlsx", ".xlsm", ".csv")
# A workspace left unused this long is removed (the cookie lasts as long): a commune works on
# one year's files from the plan in March to the report in December.
SPACE_TTL_S = 400 * 24 * 3600
MANIFEST = "manifest.json"
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{20,64}$")
_NEW = "antq_space_new"  # the request state key of a token whose cookie must be set


@dataclass(frozen=True)
class Given:
    """A file the user gave: its name on their computer, when, the date it is in force from."""

    role: str
    name: str
    when: dt.datetime
    stored: str
    from_date: dt.date | None = None

    def to_json(self) -> dict[str, Any]:
        """The manifest entry."""
        return {
            "name": self.name,
            "when": self.when.isoformat(timespec="seconds"),
            "stored": self.stored,
            "from": self.from_date.isoformat() if self.from_date else None,
        }

    @classmethod
    def from_json(cls, role: str, data: dict[str, Any]) -> Given:
        """An entry read back from the manifest."""
        start = data.get("from")
        return cls(
            role,
            str(data["name"]),
            dt.datetime.fromisoformat(data["when"]),
            str(data["stored"]),
            dt.date.fromisoformat(start) if start else None,
        )


@dataclass(frozen=True)
class Job:
    """A finished request of this workspace: its id, kind, when it ran and when it expires."""

    id: str
    kind: str
    when: dt.datetime
    expires: dt.datetime


class Space:
    """The workspace of one browser (see the module docstring)."""

    def __init__(self, root: Path, token: str) -> None:
        self.data = Path(root)
        self.token = token
        self.folder = self.data / "spaces" / token
        self.folder.mkdir(parents=True, exist_ok=True)
        self._lock = FileLock(str(self.folder / ".lock"))

    @classmethod
    def of(cls, request: Request) -> Space:
        """The request's workspace, made (folder and cookie) when the browser has none."""
        found = getattr(request.state, "space", None)
        if isinstance(found, Space):
            return found
        root = request.app.state.settings.store.root
        token = request.cookies.get(COOKIE, "")
        if not _TOKEN.match(token):
            prune(root)
            token = secrets.token_urlsafe(24)
            setattr(request.state, _NEW, token)
        space = cls(root, token)
        request.state.space = space
        return space

    @classmethod
    def peek(cls, scope: Scope) -> Space | None:
        """The request's workspace if the browser has one, never making one (error pages)."""
        found = scope.get("state", {}).get("space")
        if isinstance(found, Space):
            return found
        app = scope.get("app")
        settings = getattr(getattr(app, "state", None), "settings", None)
        token = Request(scope).cookies.get(COOKIE, "")
        if settings is None or not _TOKEN.match(token):
            return None
        root = settings.store.root
        return cls(root, token) if (root / "spaces" / token).is_dir() else None

    # The manifest: read whole, changed under the lock, replaced atomically.
    def _read(self) -> dict[str, Any]:
        path = self.folder / MANIFEST
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            data = {}
        return data if isinstance(data, dict) else {}

    def _write(self, data: dict[str, Any]) -> None:
        tmp = self.folder / f".{MANIFEST}.tmp"
        tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
        tmp.replace(self.folder / MANIFEST)

    def entries(self, role: str) -> list[Given]:
        """Every file kept for a role (rosters by period: one per from-date, in date order)."""
        kept = self._read().get("files", {}).get(role, [])
        found = [Given.from_json(role, e) for e in kept if isinstance(e, dict)]
        return sorted(found, key=lambda g: g.from_date or dt.date.min)

    def given(self, role: str) -> Given | None:
        """The file kept for a role (the first roster), or None."""
        found = self.entries(role)
        return found[0] if found else None

    def file(self, role: str) -> Path | None:
        """Where the file kept for a role is, or None when the user gave none."""
        found = self.given(role)
        if found is None or not (self.folder / found.stored).is_file():
            return None
        return self.folder / found.stored

    def keep(
        self,
        role: str,
        name: str,
        data: bytes | Path,
        from_date: dt.date | None = None,
        *,
        one_period: bool = False,
    ) -> Given:
        """Keep a file for a role under its stable name, replacing the one it had.

        A roster with a from_date replaces the one of that period; without, every roster (one
        for the whole year) unless one_period says it is the first period's, given without
        its day, which replaces only the one given so.
        """
        if role not in ROLES:
            raise ValueError(f"unknown role {role}")
        stored = (
            ROLES[role] + (f"-{from_date.isoformat()}" if from_date else "") + _suffix(role, name)
        )
        given = Given(role, name, dt.datetime.now().replace(microsecond=0), stored, from_date)
        with self._lock:
            tmp = self.folder / f".{stored}.tmp"
            if isinstance(data, Path):
                shutil.copyfile(data, tmp)
            else:
                tmp.write_bytes(data)
            manifest = self._read()
            files = manifest.setdefault("files", {})
            day = from_date.isoformat() if from_date else None
            by_period = role == "roster" and (from_date is not None or one_period)
            keep = [e for e in files.get(role, []) if by_period and e.get("from") != day]
            for old in files.get(role, []):
                if old not in keep and old.get("stored") != stored:
                    (self.folder / str(old.get("stored"))).unlink(missing_ok=True)
            tmp.replace(self.folder / stored)
            files[role] = [*keep, given.to_json()]
            self._write(manifest)
        return given

    def forget(self, role: str) -> None:
        """Forget the files of a role (the user will give another)."""
        self._drop(role, lambda _entry: True)

    def forget_roster(self, from_date: dt.date | None) -> None:
        """Forget the roster of one period (None: the one given without a day)."""
        day = from_date.isoformat() if from_date else None
        self._drop("roster", lambda entry: entry.get("from") == day)

    def _drop(self, role: str, dropped: Callable[[dict[str, Any]], bool]) -> None:
        with self._lock:
            manifest = self._read()
            files = manifest.setdefault("files", {})
            entries = files.pop(role, [])
            for old in entries:
                if dropped(old):
                    (self.folder / str(old.get("stored"))).unlink(missing_ok=True)
            kept = [e for e in entries if not dropped(e)]
            if kept:
                files[role] = kept
            self._write(manifest)

    def rosters(self) -> dict[dt.date | None, Path]:
        """The rosters kept, by the day each is in force from (None: given without a day)."""
        found = {g.from_date: self.folder / g.stored for g in self.entries("roster")}
        return {day: path for day, path in found.items() if path.is_file()}

    def public_names(self) -> dict[str, str]:
        """Stored file name → the name the user gave it, for messages."""
        return {g.stored: g.name for role in ROLES for g in self.entries(role)}

    @property
    def sample_in_use(self) -> bool:
        """Whether the user chose to fill what they did not give with the bundled sample."""
        return bool(self._read().get("sample"))

    def use_sample(self, on: bool = True) -> None:
        """Choose (or stop) filling what the user did not give with the bundled sample."""
        self._set("sample", on)

    def sample_roles(self) -> list[str]:
        """The roles the sample stands in for: those it fills and the user has not given."""
        if not self.sample_in_use:
            return []
        return [r for r in SAMPLE_ROLES if not self.entries(r)]

    def own_plan_and_roster(self) -> bool:
        """Whether the user has given both a plan and a roster of their own."""
        return self.file("campaign") is not None and bool(self.rosters())

    def sample_done(self) -> bool:
        """Stop the sample once the user has given their own plan and roster (it would only
        stand in for what they have not given); True when it was stopped now."""
        if not (self.sample_in_use and self.own_plan_and_roster()):
            return False
        self.use_sample(False)
        return True

    def say(self, note: dict[str, Any]) -> None:
        """Keep what the next page shown to this browser says at its top (after a posted
        form redirects): text, kind ("ok" or "error"), and any notices and findings."""
        self._set("flash", note)

    def said(self) -> dict[str, Any] | None:
        """What the page says at its top, once: taken from the workspace."""
        if "flash" not in self._read():
            return None
        with self._lock:
            manifest = self._read()
            note = manifest.pop("flash", None)
            self._write(manifest)
        return note if isinstance(note, dict) else None

    @property
    def unit(self) -> str | None:
        """The code of the unit chosen as "Đơn vị của tôi", or None."""
        code = self._read().get("unit")
        return code if isinstance(code, str) and code else None

    @property
    def unit_name(self) -> str:
        """The name of the unit chosen, as the roster gave it when it was chosen."""
        return str(self._read().get("unit_name") or "")

    def choose_unit(self, code: str | None, name: str = "") -> None:
        """Choose the unit the pages work for (None: the whole roster)."""
        with self._lock:
            manifest = self._read()
            manifest["unit"], manifest["unit_name"] = code, name if code else ""
            self._write(manifest)

    def _set(self, key: str, value: Any) -> None:
        with self._lock:
            manifest = self._read()
            manifest[key] = value
            self._write(manifest)

    def add_job(self, job: str, kind: str) -> None:
        """Record a finished request, so the pages list it until it expires."""
        with self._lock:
            manifest = self._read()
            entry = {"id": job, "kind": kind, "when": dt.datetime.now().isoformat("T", "seconds")}
            manifest["jobs"] = [*manifest.get("jobs", []), entry][-50:]
            self._write(manifest)

    def jobs(self, ttl_s: int) -> list[Job]:
        """The finished requests whose results are still kept, latest first."""
        found = []
        for entry in self._read().get("jobs", []):
            when = dt.datetime.fromisoformat(entry["when"])
            expires = when + dt.timedelta(seconds=ttl_s)
            if expires > dt.datetime.now() and (self.data / "jobs" / entry["id"]).is_dir():
                found.append(Job(entry["id"], entry["kind"], when, expires))
        return found[::-1]


def _suffix(role: str, name: str) -> str:
    """The stored file's suffix: the given one when the readers know it."""
    suffix = Path(name).suffix.lower()
    if role == "campaign":
        return ".yaml"
    return suffix if suffix in TABLE_SUFFIXES else ".csv"


def prune(root: Path) -> None:
    """Remove workspaces unused for SPACE_TTL_S."""
    spaces = Path(root) / "spaces"
    limit = time.time() - SPACE_TTL_S
    for path in spaces.iterdir() if spaces.is_dir() else []:
        try:
            used = max(path.stat().st_mtime, (path / MANIFEST).stat().st_mtime)
        except OSError:
            used = 0
        if used < limit:
            shutil.rmtree(path, ignore_errors=True)


class SpaceCookie:
    """ASGI layer: sets the workspace cookie on the answer to a request that made one."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def sending(message: Message) -> None:
            token = scope.get("state", {}).get(_NEW)
            if message["type"] == "http.response.start" and token:
                MutableHeaders(scope=message).append(
                    "set-cookie",
                    f"{COOKIE}={token}; HttpOnly; SameSite=Lax; Path=/; Max-Age={SPACE_TTL_S}",
                )
            await send(message)

        await self.app(scope, receive, sending)
