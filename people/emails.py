"""E-mails to people: plain text and HTML, from a pair of templates."""

from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string


def email_to(person, *, subject: str, template: str, context: dict) -> EmailMultiAlternatives:
    """The e-mail `template`.txt and `template`.html make, addressed to the person. It goes
    through Django's mail API, so MAILERS decides how it leaves (SMTP, Notify, console)."""
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string(f"{template}.txt", context),
        to=[person.email],
    )
    message.attach_alternative(render_to_string(f"{template}.html", context), "text/html")
    return message
