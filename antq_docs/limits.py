"""The bounds on what the program reads and makes, declared once: each reader and the renderer
import them from here, and docs/bao-dam.md lists them with what each refusal says."""

from __future__ import annotations

# --- Tables (rosters, results, households), CSV and Excel alike ------------------------------

# The largest roster or results file read (CSV or XLSX): 100,000 units take about 10 MB.
MAX_TABLE_BYTES = 50 << 20
# The most cells a table may hold (100,000 units use about 2 million): a 50 MB file of
# delimiters, or a workbook that unpacks to gigabytes, stops here instead of filling memory.
MAX_TABLE_CELLS = 5_000_000
# The columns read of any table, CSV or XLSX (a roster uses about twenty): the cells past it are
# never read, so a row of thousands of cells costs no more than one of 256, and the header
# search (every cell against every column) stays within a fixed time.
MAX_TABLE_COLUMNS = 256

# The longest cell: names, titles and addresses are far shorter, and a longer cell is almost
# always rows swallowed by a stray quote (CSV) or text pasted into the wrong cell (Excel).
MAX_CELL_CHARS = 1000
# A count (households, sessions, people, tip-offs…) is a whole number below this bound; a
# longer one is a typing slip, never a figure of a province.
MAX_FIGURE = 10**9

# --- Excel workbooks (.xlsx), checked while they are unpacked, before openpyxl reads them -----

# The bytes every part of a workbook unpacks to, together: a 100,000-unit roster unpacks to
# about 100 MB. Counted while unpacking, so a small file that claims less cannot pass.
MAX_XLSX_UNPACKED_BYTES = 256 << 20
# A part openpyxl reads whole (sharedStrings.xml, styles, the workbook itself; the sheets are
# streamed): 32 MB of shared strings is about a million distinct texts.
MAX_XLSX_PART_BYTES = 32 << 20
# The longest stretch of any part between two tags (one shared string, one cell, one tag).
# Excel holds at most 32,767 characters in a cell, at most about 330 KB written out.
MAX_XLSX_STRING_BYTES = 1 << 20
# The parts of one workbook: a real one has tens.
MAX_XLSX_PARTS = 10_000
# Excel's own limit on rows (the columns read are MAX_TABLE_COLUMNS). A row numbered past the
# first, or a sheet whose stored size says XFD1048576, must not become millions of empty rows
# or columns.
MAX_XLSX_ROWS = 1_048_576

# --- The tool's own files in a folder check reads (manifest.json, a killed run's journal) -----

# About 60,000 documents as the tool writes them (~270 bytes an entry, parsed within ~50 MB):
# the most a folder sent to the web page can hold, and the least any folder is allowed.
MAX_MANIFEST_BYTES = 16 << 20
# A larger folder (a province's households' own pledges) is allowed this much per file it
# holds, four times what an entry takes: a manifest cannot name more files than it has.
MANIFEST_BYTES_PER_FILE = 1 << 10
# An entry the tool writes takes about 300 characters; none takes more than this.
MAX_ENTRY_CHARS = 4096

# --- Templates (Jinja inside a .docx), bounded for any template, built-in or an official's ----

# Items all the range() calls of one part of a document may make together: a template counts
# rows or columns, not millions.
MAX_LOOP_ITEMS = 1_000_000
# Turns of every loop and calls (macros, methods) one part may make: a year report walks the
# units of a province (tens of thousands) a few times; nested loops or a macro calling itself
# twice per call would go on for hours, and stop here within seconds.
MAX_STEPS = 2_000_000
# The longest text or list one multiplication ('-' * 40, [0] * n) or power may make.
MAX_PRODUCT_ITEMS = 100_000
# The characters one part of a document (body, a header, a footer) may take once filled, and
# any text a template joins: the year report of a province with its appendix of units is a
# few million.
MAX_PART_CHARS = 32 << 20

# --- Scans given to intake (PDFs and photos of signed documents) -----------------------------

# The pixels of a photo decoded: a 50-megapixel phone photo passes, an A4 page at 600 dpi is
# 35 million. Checked from the photo's header before it is decoded, so a small PNG that
# claims 14,000 × 14,000 pixels (600 MB once decoded) is refused by name, not read.
MAX_PHOTO_PIXELS = 64_000_000
# The longest side, in pixels, a PDF page is rendered to: an A4 page at 150 dpi is 1,754 and
# A3 is 2,480. A larger page (a poster, or a page claiming metres) is rendered smaller, to fit.
MAX_PAGE_SIDE = 3_508
# The pages of one scan: a commune's pile of signed pledges is hundreds. A file claiming more
# is refused before any page is read.
MAX_SCAN_PAGES = 10_000
