from django_tasks import task

from solidair.core.mail import deliver
from solidair.core.models import OutgoingMail


@task()
def deliver_mail(mail_id: int) -> bool:
    """Send one queued mail. A failure stays pending; `send_pending_mail` retries it later."""
    mail = OutgoingMail.objects.filter(pk=mail_id).first()
    return deliver(mail) if mail else False
