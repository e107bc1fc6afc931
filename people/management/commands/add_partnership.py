from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.text import slugify

from partnerships.models import Agency, AgencyKind, Partnership
from people.models import Role
from people.services import person_invite


class Command(BaseCommand):
    help = (
        "For the site operator: adds a partnership and invites its first manager by e-mail. "
        "From then on the manager sets everything else up in the browser."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--name", required=True, help="e.g. Lewisham Safeguarding Children Partnership"
        )
        parser.add_argument("--local-area", required=True, help="e.g. London Borough of Lewisham")
        parser.add_argument("--short-name", default="LSCP", help="e.g. LSCP")
        parser.add_argument(
            "--slug", help="for the command line; made from the local area if left out"
        )
        parser.add_argument("--manager-email", required=True)
        parser.add_argument("--manager-username", required=True)
        parser.add_argument("--manager-first-name", required=True)
        parser.add_argument("--manager-last-name", required=True)

    def handle(self, *args, **options):
        try:
            with transaction.atomic():
                partnership = Partnership(
                    name=options["name"],
                    local_area=options["local_area"],
                    short_name=options["short_name"],
                    slug=options["slug"] or slugify(options["local_area"]),
                )
                partnership.full_clean()
                partnership.save()
                # The business unit the manager works in; the manager adds the partners.
                agency = Agency.objects.create(
                    partnership=partnership,
                    name=partnership.name,
                    short_name=partnership.short_name,
                    kind=AgencyKind.PARTNERSHIP,
                )
                manager = person_invite(
                    by=None,
                    address=None,
                    partnership=partnership,
                    username=options["manager_username"],
                    first_name=options["manager_first_name"],
                    last_name=options["manager_last_name"],
                    email=options["manager_email"],
                    job_title="",
                    agency=agency,
                    role=Role.MANAGER,
                )
        except ValidationError as error:
            problems = "; ".join(
                f"{field}: {' '.join(messages)}" for field, messages in error.message_dict.items()
            )
            raise CommandError(problems) from error
        self.stdout.write(
            f"Added {partnership.name} ({partnership.slug}) and sent an invitation to "
            f"{manager.email}"
        )
