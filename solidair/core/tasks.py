"""Background tasks of the site. The path `solidair.core.tasks.deliver_mail` is stored in
queued task rows: keep it."""

from django_tasks import task

from solidair.core.delivery import deliver
from solidair.core.models import OutgoingMail


@task()
def deliver_mail(mail_id: int) -> bool:
    """Send one queued mail, unless another deliverer holds it. A failure stays pending;
    `send_pending_mail` retries it after its back-off."""
    mail = OutgoingMail.objects.filter(pk=mail_id).first()
    return deliver(mail) if mail else False
