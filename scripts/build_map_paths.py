"""Pre-project the 565 municipality boundaries into compact SVG path strings (run once).

Reads solidair/places/data/be_municipalities_2025_565.geojson (WGS84) and writes
solidair/places/data/map_paths.json: {"width", "height", "paths": {nis: "M..."}}. The map is
drawn from that file at run time, so no projection work happens per request.

Projection: equirectangular with the longitude scaled by cos(50.5°), Belgium's mid latitude;
at this scale one unit is about 280 m, far below what the coarse source shapes can show.

    python scripts/build_map_paths.py
"""

import json
import math
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "solidair" / "places" / "data"
WIDTH = 1000  # viewBox width; the height follows from the aspect ratio
MARGIN = 4


def _rings(geometry):
    if geometry["type"] == "Polygon":
        return list(geometry["coordinates"])
    return [ring for polygon in geometry["coordinates"] for ring in polygon]


def _path(rings, project) -> str:
    """Absolute start of each ring, then relative integer moves (short strings)."""
    parts = []
    for ring in rings:
        points = [project(lon, lat) for lon, lat in ring]
        deduped = [points[0]]
        for point in points[1:]:
            if point != deduped[-1]:
                deduped.append(point)
        if deduped[-1] == deduped[0] and len(deduped) > 1:
            deduped.pop()
        if len(deduped) < 3:
            continue
        x0, y0 = deduped[0]
        moves = [f"{x - px} {y - py}" for (px, py), (x, y) in zip(deduped, deduped[1:],
                                                                 strict=False)]
        parts.append(f"M{x0} {y0}l" + " ".join(moves) + "z")
    return "".join(parts).replace(" -", "-")


def main():
    collection = json.loads((DATA / "be_municipalities_2025_565.geojson").read_text())
    coordinates = [point for feature in collection["features"]
                   for ring in _rings(feature["geometry"]) for point in ring]
    kx = math.cos(math.radians(50.5))
    min_lon = min(lon for lon, _ in coordinates)
    max_lon = max(lon for lon, _ in coordinates)
    min_lat = min(lat for _, lat in coordinates)
    max_lat = max(lat for _, lat in coordinates)
    scale = (WIDTH - 2 * MARGIN) / ((max_lon - min_lon) * kx)
    height = round((max_lat - min_lat) * scale) + 2 * MARGIN

    def project(lon, lat):
        return (round((lon - min_lon) * kx * scale) + MARGIN,
                round((max_lat - lat) * scale) + MARGIN)

    paths = {feature["properties"]["nis"]: _path(_rings(feature["geometry"]), project)
             for feature in collection["features"]}
    out = {"width": WIDTH, "height": height, "paths": dict(sorted(paths.items()))}
    (DATA / "map_paths.json").write_text(json.dumps(out, separators=(",", ":")) + "\n")
    print(f"{len(paths)} shapes, {sum(map(len, paths.values()))} characters of path data")


if __name__ == "__main__":
    main()
