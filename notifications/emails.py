"""Every e-mail the service sends: built from a pair of templates, sent by one function.

Invitations, password resets, lock-out notices and the update round's e-mails all leave
through `email_send`, so there is one place to log, rate-limit or redirect outgoing mail.
It goes through Django's mail API, so MAILERS decides how it leaves (SMTP, GOV.UK Notify,
the console).
"""

from collections.abc import Mapping
from typing import TYPE_CHECKING

from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string

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
