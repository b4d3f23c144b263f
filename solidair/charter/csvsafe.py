"""CSV cells with text typed by people: never let a spreadsheet read them as a formula."""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: str) -> str:
    """Prefix a quote when the text would start a formula in Excel or LibreOffice."""
    return f"'{value}" if value and value.startswith(FORMULA_STARTS) else value
