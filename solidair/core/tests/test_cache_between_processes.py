"""Without Redis, the processes of one machine share one cache: a change made by one (a daily
command, the task worker, another web worker) empties what the others keep."""

import subprocess
import sys
import tempfile

from config.settings.base import BASE_DIR
from solidair.core.testing import production_env

SCRIPT = ("import django; django.setup(); from solidair.core import pagecache; "
          "{action}; print(pagecache.data_version('municipality:44021'))")


def _in_a_process(env: dict, action: str) -> str:
    result = subprocess.run([sys.executable, "-c", SCRIPT.format(action=action)], cwd=BASE_DIR,
                            env=env, text=True, capture_output=True, timeout=60)
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout.strip()


def test_a_change_in_one_process_is_seen_by_the_next():
    env = production_env(DATABASE_URL="sqlite:////nonexistent/solidair.sqlite3",
                         SOLIDAIR_VAR_DIR=tempfile.mkdtemp(prefix="solidair-cache-"))
    env.pop("REDIS_URL", None)
    assert _in_a_process(env, "pass") == "0"
    assert _in_a_process(env, "pagecache.invalidate('municipality:44021')") == "1"
    assert _in_a_process(env, "pass") == "1"  # another process, the same cache
