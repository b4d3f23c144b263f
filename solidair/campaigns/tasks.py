"""Background work of the campaign: coordinators' bulk invalidations."""

from django_tasks import task

from solidair.campaigns import invalidation


@task()
def run_signature_invalidation(invalidation_id: int) -> str:
    """Invalidate the signatures matching a coordinator's criteria, in chunks, until done or
    cancelled (see `invalidation.run`)."""
    return str(invalidation.run(invalidation_id=invalidation_id))
