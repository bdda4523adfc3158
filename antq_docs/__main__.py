"""Allow `python -m antq_docs`."""

from antq_docs.cli import main

main()
