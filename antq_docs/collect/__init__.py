"""Collection forms (phiếu thu kết quả): forms out to the reporting units, returned forms in.

forms.py writes one workbook per reporting unit; gather.py reads the returned workbooks back
(returned.py) into one results workbook that `--results` reads (results_book.py); layout.py is
what both agree a form is.
"""
