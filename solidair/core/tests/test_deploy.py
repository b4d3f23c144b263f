import subprocess
import sys

from solidair.core.testing import BASE_DIR, production_env


def _manage(*args, **env) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "manage.py", *args], cwd=BASE_DIR, text=True,
                          capture_output=True, env=production_env(**env), timeout=120)


def test_check_deploy_passes_without_warning_with_production_settings():
    result = _manage("check", "--deploy", "--fail-level", "WARNING",
                     DATABASE_URL="postgres://postgres@127.0.0.1:5432/unused",
                     SITE_URL="https://solidaire-gemeenten.example",
                     ALLOWED_HOSTS="solidaire-gemeenten.example",
                     SECURE_SSL_REDIRECT="true")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_settings_refuse_to_start_without_a_secret_key():
    result = _manage("check", SECRET_KEY="", DATABASE_URL="postgres://x@127.0.0.1/x")
    assert result.returncode != 0
    assert "SECRET_KEY is required" in result.stderr
