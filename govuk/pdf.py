"""Turns the service's print pages into PDFs with WeasyPrint.

The PDF is made from the same HTML as the browser preview. Its stylesheet and fonts
are read from the service's own static files, never over the network, so a PDF looks
the same on every machine.
"""

import mimetypes

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

# Relative URLs in the page resolve against this made-up origin; the fetcher below
# answers for it from the static files and refuses everything else.
BASE_URL = "https://pdf.jtai.invalid/"
STATIC_PREFIX = BASE_URL + settings.STATIC_URL.lstrip("/")


class StaticFilesFetcher(URLFetcher):
    def __init__(self):
        super().__init__(fail_on_errors=True)

    def fetch(self, url, headers=None):
        if not url.startswith(STATIC_PREFIX):
            raise ValueError(f"PDFs use only the service's own static files, not {url}")
        name = url.removeprefix(STATIC_PREFIX).split("?")[0].split("#")[0]
        content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
        return URLFetcherResponse(
            url, body=_read_static(name), headers={"Content-Type": content_type}
        )


def _read_static(name: str) -> bytes:
    if staticfiles_storage.exists(name):  # collected (and hashed) in production
        with staticfiles_storage.open(name) as static_file:
            return static_file.read()
    path = finders.find(name)  # the source folders, in development and tests
    if path is None:
        raise FileNotFoundError(name)
    with open(path, "rb") as static_file:
        return static_file.read()


def html_to_pdf(html: str) -> bytes:
    """A tagged PDF: headings, tables and reading order reach screen readers, as the
    accessibility regulations expect of documents a public body publishes."""
    return HTML(string=html, base_url=BASE_URL, url_fetcher=StaticFilesFetcher()).write_pdf(
        pdf_tags=True
    )
