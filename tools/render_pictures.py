"""Render page 1 of each kind of document, made from the bundled sample, into docs/pictures.

    python -m tools.render_pictures [--out docs/pictures]

Generates every kind with the sample (results included), converts one document per kind to
PDF with LibreOffice and its first page to a 60 dpi PNG with pdftoppm. The pictures are the
gallery of docs/index.md (three of them in the README); run this again whenever a template changes.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image

from antq_docs import resources
from antq_docs.generate import generate
from antq_docs.inputs.loading import load_inputs
from antq_docs.kinds import REGISTRY

ROOT = Path(__file__).resolve().parent.parent
# The unit whose document shows each kind: the commune of docs/van-ban.md's tour (Hà Mòn, in the
# Kon Tum tree of March; Đăk Hà after 01/7/2025) and the province for the year report.
SHOWN = {
    "pledge": "KT-02-02",
    "registration": "KT-02-02",
    "plan": "KT-02-02",
    "resolution": "KT-02-02",
    "cell-resolution": "KT-02-02-01",
    "event-plan": "QNG-03",
    "evaluation": "QNG-03",
    "minutes": "QNG-03",
    "recognition": "QNG-03",
    "report": "QNG",
}
DPI = 60


def _tool(name: str) -> str:
    """The path of a program this script needs, or exit naming the package that has it."""
    found = shutil.which(name)
    if found is None:
        sys.exit(f"{name} not found: install LibreOffice (soffice) and poppler-utils (pdftoppm)")
    return found


def render(out: Path) -> list[Path]:
    """Write <kind>.png for every kind of the registry into out; return the files written."""
    soffice, pdftoppm = _tool("soffice"), _tool("pdftoppm")
    out.mkdir(parents=True, exist_ok=True)
    written = []
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        _to_pdf(soffice, _sample_documents(work), work)
        for kind in REGISTRY:
            stem = work / "png" / kind
            stem.parent.mkdir(exist_ok=True)
            _first_page(pdftoppm, work / "pdf" / f"{kind}.pdf", stem)
            target = out / f"{kind}.png"
            # Black text on white: grey levels keep the page as it is at a third of the size.
            with Image.open(stem.with_suffix(".png")) as page:
                page.convert("L").save(target, optimize=True)
            written.append(target)
    return written


def _sample_documents(work: Path) -> list[Path]:
    """Generate the sample into work and copy the document SHOWN of each kind as <kind>.docx."""
    inputs = load_inputs(
        resources.sample(resources.SAMPLE_CAMPAIGN),
        None,
        results=resources.sample(resources.SAMPLE_RESULTS),
        scores=resources.sample(resources.SAMPLE_SCORES),
        kinds=REGISTRY,
    )
    generate(inputs, work / "docs", list(REGISTRY))
    docs = []
    for kind in REGISTRY:
        doc = work / "docs" / kind / f"{SHOWN[kind]}.docx"
        if not doc.exists():
            sys.exit(f"{doc.relative_to(work)} was not generated: update SHOWN")
        copy = work / "pdf-in" / f"{kind}.docx"
        copy.parent.mkdir(exist_ok=True)
        shutil.copy(doc, copy)
        docs.append(copy)
    return docs


def _to_pdf(soffice: str, docs: list[Path], work: Path) -> None:
    """Convert the documents to PDF in work/pdf with one LibreOffice run."""
    # A profile of its own, so that a LibreOffice already open does not take the job.
    subprocess.run(
        [
            soffice,
            "--headless",
            f"-env:UserInstallation=file://{work / 'profile'}",
            "--convert-to",
            "pdf",
            "--outdir",
            str(work / "pdf"),
            *map(str, docs),
        ],
        check=True,
        capture_output=True,
    )


def _first_page(pdftoppm: str, pdf: Path, stem: Path) -> None:
    """Draw the first page of a PDF into stem.png at DPI."""
    subprocess.run(
        [
            pdftoppm,
            "-png",
            "-r",
            str(DPI),
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            str(pdf),
            str(stem),
        ],
        check=True,
        capture_output=True,
    )


def main() -> None:
    """Parse --out and render."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "pictures")
    args = parser.parse_args()
    for path in render(args.out):
        print(path)


if __name__ == "__main__":
    main()
