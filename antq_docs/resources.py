"""Where the bundled templates and sample inputs live, in a checkout and in an installed wheel."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def data_dir(name: str) -> Path:
    """Return the bundled folder `templates` or `fixtures`.

    A wheel carries them inside the package (setup.cfg maps them there); a checkout or an
    editable install keeps them at the top of the repository.
    """
    for candidate in (_PACKAGE / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"bundled folder {name!r} not found beside {_PACKAGE}")


def template_path(name: str) -> Path:
    """Path of a bundled template."""
    return data_dir("templates") / name


# The names `generate` looks for in the current folder when no input file is named (the
# folder `init` makes).
CAMPAIGN_FILE = "ke-hoach.yaml"
RESULTS_FILE = "ket-qua.xlsx"

SAMPLE_CAMPAIGN = "campaign-kon-tum-2025.yaml"
SAMPLE_UNITS = "units-kon-tum-2025.csv"
# The sample's year-end results and per-item scores, used when no input file is named.
SAMPLE_RESULTS = "results-kon-tum-2025.csv"
SAMPLE_SCORES = "scores-kon-tum-2025.csv"
# A few households of two khu dân cư of the sample (--households), for the template guide.
SAMPLE_HOUSEHOLDS = "households-kon-tum-2025.csv"


def sample(name: str) -> Path:
    """Path of a bundled sample input."""
    return data_dir("fixtures") / name


def starter_readme() -> str:
    """The Vietnamese README that `antq-docs init` writes into a starter folder."""
    return (_PACKAGE / "starter-readme.md").read_text(encoding="utf-8")
