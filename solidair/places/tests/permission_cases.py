"""places' pages are all public (the admin is Django's own)."""

PUBLIC = ["places:home", "places:directory", "places:municipality", "places:map",
          "places:map_svg", "places:credits", "places:municipality_feed"]

CASES = []
