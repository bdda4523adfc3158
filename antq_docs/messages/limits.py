"""What the program says when an input or a template passes one of the bounds of limits.py."""

# A cell longer than limits.MAX_CELL_CHARS, in a CSV or an Excel sheet.
CELL_TOO_LONG = "ô dài {size} ký tự, quá giới hạn {limit} ký tự của một ô"

# An Excel workbook refused before it is read (the file is named by the error).
XLSX_UNPACKED = (
    "tệp Excel giải nén ra hơn {limit}, quá lớn cho một bảng danh sách hay kết quả; hãy mở "
    "bằng Excel, xóa các trang tính và dữ liệu thừa rồi lưu lại."
)
XLSX_PART = (
    "phần {part} của tệp Excel giải nén ra hơn {limit}; một bảng danh sách hay kết quả không "
    "lớn như vậy. Hãy mở bằng Excel, xóa dữ liệu thừa rồi lưu lại."
)
XLSX_STRING = (
    "phần {part} của tệp Excel có một chuỗi chữ dài hơn {limit} (Excel chỉ cho tối đa "
    "32.767 ký tự trong một ô), nên tệp không phải do Excel lưu; hãy mở bằng Excel rồi lưu lại."
)
XLSX_PARTS = "tệp Excel có hơn {limit} phần bên trong; hãy mở bằng Excel rồi lưu lại."

# A count cell (Số hộ, số người…) that is not a whole number, or is past limits.MAX_FIGURE.
COUNT_NOT_WHOLE = '{what} "{text}" không phải số nguyên'
COUNT_TOO_LARGE = '{what} "{text}" quá lớn (tối đa {limit})'

# A template that passes a bound while it is filled (the error names the template).
TEMPLATE_LOOP = (
    "các vòng lặp range() của mẫu đi qua hơn {limit} lượt trong một phần của văn bản; hãy sửa "
    "vòng lặp trong mẫu."
)
TEMPLATE_STEPS = (
    "mẫu chạy hơn {limit} lượt lặp hoặc lời gọi trong một phần của văn bản (vòng lặp lồng nhau, "
    "macro gọi lại chính nó); hãy sửa mẫu."
)
TEMPLATE_RECURSION = (
    "mẫu gọi lại chính nó quá nhiều tầng (macro hay vòng lặp recursive); hãy sửa mẫu."
)
TEMPLATE_PRODUCT = (
    "một thẻ của mẫu (phép nhân *, lũy thừa **, căn lề, định dạng hay thay thế chữ) tạo ra hơn "
    "{limit} ký tự hoặc phần tử; hãy sửa thẻ đó trong mẫu."
)
TEMPLATE_PART = (
    "văn bản điền xong có một phần dài hơn {limit} ký tự; hãy sửa vòng lặp hoặc thẻ tạo ra "
    "đoạn văn quá dài trong mẫu."
)
TEMPLATE_LOADS_OTHERS = (
    "thẻ {{% {tag} %}} nạp một mẫu khác, mà mẫu Word không được nạp mẫu khác; hãy xóa thẻ này "
    "và viết thẳng nội dung vào mẫu."
)
