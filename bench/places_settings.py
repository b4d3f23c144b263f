"""Production settings plus a bench-only URLconf with a trivial view (never used in production)."""

from config.settings.production import *  # noqa: F403

ROOT_URLCONF = "bench.places_urls"
