"""Collection forms (phiếu thu kết quả): forms out to the reporting units, returned forms in.

forms.py writes one workbook per reporting unit; gather.py reads the returned workbooks back
into one results workbook that `--results` reads; layout.py is what both agree a form is.
"""
