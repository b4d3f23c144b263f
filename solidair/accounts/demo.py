"""Demo accounts for `make run`: a coordinator and an officer of Merelbeke-Melle."""

from django.conf import settings

DEMO_PASSWORD = "solidair-demo-2025"
DEMO_COORDINATOR_EMAIL = "coordinator@demo.solidaire-gemeenten.be"
DEMO_OFFICER_EMAIL = "officer.merelbeke-melle@demo.solidaire-gemeenten.be"
DEMO_MUNICIPALITY_NIS = "44088"  # Merelbeke-Melle


def seed_demo(*, stdout) -> None:
    """A demo coordinator and a demo officer of Merelbeke-Melle with known passwords; they may
    sign in without two-factor, and only while DEMO_MODE is on."""
    from solidair.accounts.models import OfficerAssignment, User
    from solidair.places.models import Municipality

    municipality = Municipality.objects.filter(nis=DEMO_MUNICIPALITY_NIS).first()
    if municipality is None:
        stdout.write("accounts: Merelbeke-Melle (44088) is not loaded yet; no demo accounts made "
                     "(run load_reference_data first).")
        return
    coordinator = _demo_user(User, DEMO_COORDINATOR_EMAIL, "Demo", "Coördinator",
                             is_coordinator=True)
    officer = _demo_user(User, DEMO_OFFICER_EMAIL, "Demo", "Ambtenaar")
    OfficerAssignment.objects.get_or_create(user=officer, municipality=municipality)
    two_factor = ("two-factor not asked (demo mode)" if settings.DEMO_MODE
                  else "two-factor required: DEMO_MODE is off")
    stdout.write("Demo accounts (sign in at /accounts/login/, " + two_factor + "):")
    stdout.write(f"  coordinator: {coordinator.email} / {DEMO_PASSWORD}")
    stdout.write(f"  officer of Merelbeke-Melle: {officer.email} / {DEMO_PASSWORD}")


def _demo_user(user_model, email, first_name, last_name, **fields):
    user, created = user_model.objects.get_or_create(
        email=email, defaults={"first_name": first_name, "last_name": last_name, **fields})
    if created or not user.check_password(DEMO_PASSWORD):
        user.set_password(DEMO_PASSWORD)
    user.demo_without_two_factor = True
    user.save()
    return user
