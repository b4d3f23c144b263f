"""URLs of the documents app for the permission matrix: the letter page is public."""

PUBLIC = ["documents:letter"]

CASES = [
    {"name": "documents:letter", "kwargs": {"nis": "{a}"}, "method": "GET",
     "expect": {"anonymous": 200, "officer_a": 200, "officer_b": 200, "coordinator": 200,
                "staff": 200}},
]
