"""CSV cells with text typed by people: never let a spreadsheet read them as a formula."""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value):
    """Prefix a quote when text would start a formula in Excel or LibreOffice (CSV injection).
    Numbers and dates pass unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return f"'{value}"
    return value
