"""Every e-mail the service sends: built from a pair of templates, sent by one function.

Invitations, password resets, lock-out notices and the update round's e-mails all leave
through `email_send`, so there is one place to log, rate-limit or redirect outgoing mail.
It goes through Django's mail API, so MAILERS decides how it leaves (SMTP, GOV.UK Notify,
the console).
"""

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from django.contrib.contenttypes.models import ContentType
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, models, transaction
from django.template.loader import render_to_string

from notifications.models import SentEmail

if TYPE_CHECKING:  # auth's models can be imported only once the app registry is ready
    from django.contrib.auth.models import AbstractUser


def email_to(
    person: "AbstractUser", *, subject: str, template: str, context: Mapping[str, object]
) -> EmailMultiAlternatives:
    """The e-mail `template`.txt and `template`.html make, addressed to the person."""
    return email_to_address(person.email, subject=subject, template=template, context=context)


def email_to_address(
    address: str, *, subject: str, template: str, context: Mapping[str, object]
) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=subject, body=render_to_string(f"{template}.txt", context), to=[address]
    )
    message.attach_alternative(render_to_string(f"{template}.html", context), "text/html")
    return message


def email_send(message: EmailMultiAlternatives) -> None:
    """Sends one e-mail; raises whatever the mail server's failure was.

    A plain Django message, so every backend takes it: django-gov-notify's own message
    class cannot send itself under Django 6.1, but its backend converts this one."""
    message.send()


def email_each[Person: "AbstractUser"](
    people: Iterable[Person],
    *,
    subject: str,
    template: str,
    context: Mapping[str, object],
) -> list[Person]:
    """The same e-mail to each person (the context names them `recipient`), each sent on
    its own; returns those the mail server refused, so the record that prompted it stands
    and the person who made it can be told whom to tell."""
    refused = []
    for person in people:
        message = email_to(
            person, subject=subject, template=template, context={**context, "recipient": person}
        )
        try:
            email_send(message)
        except Exception:  # noqa: BLE001 - whatever the mail server did, the record stands
            refused.append(person)
    return refused


# What makes an e-mail the same as one sent before: its kind, its recipient, its occasion.
type EmailKey = tuple[str, int, str]


def email_send_once(
    message: EmailMultiAlternatives,
    *,
    kind: str,
    recipient: "AbstractUser",
    occasion: str,
    about: models.Model | None = None,
) -> bool:
    """Records and sends the e-mail unless it was recorded before for the same kind,
    recipient and occasion; says whether it went now.

    The record is written first, inside a transaction, and the e-mail sent before that
    transaction commits. If the mail server refuses or fails, the record rolls back with it
    and the next try sends it; if two tries overlap, the unique occasion stops the second
    at the insert. The one gap is a crash after the server accepted the e-mail but before
    the commit: that person may then get it twice. We chose that over the reverse (record,
    then send after the commit), whose gap is an e-mail recorded as sent that nobody
    received: a reminder missed is worse than a reminder repeated."""
    try:
        with transaction.atomic():
            SentEmail.objects.create(
                kind=kind,
                recipient_id=recipient.pk,
                occasion=occasion,
                about_type=ContentType.objects.get_for_model(about) if about else None,
                about_id=about.pk if about else None,
                address=recipient.email,
                subject=str(message.subject)[:300],
            )
            email_send(message)
    except IntegrityError:
        return False
    return True


def already_sent(keys: Iterable[EmailKey]) -> set[EmailKey]:
    """Which of these e-mails were sent before. One query."""
    keys = list(keys)
    if not keys:
        return set()
    return set(
        SentEmail.objects.filter(
            kind__in={kind for kind, _, _ in keys},
            recipient__in={recipient for _, recipient, _ in keys},
            occasion__in={occasion for _, _, occasion in keys},
        ).values_list("kind", "recipient_id", "occasion")
    )
