"""Checks of what a person sees, shared by the tests of every form."""

import html
import re


def error_summary_messages(page: str) -> list[str]:
    summary = page.split('class="govuk-error-summary"', 1)
    if len(summary) < 2:
        return []
    found = re.findall(r'<li><a href="#[^"]+">([^<]+)</a></li>', summary[1].split("</ul>", 1)[0])
    return [html.unescape(message) for message in found]


def assert_error_summary_links_reach_inputs(page: str):
    """Every link in the GOV.UK error summary must focus an element that is on the page."""
    summary = page.split('class="govuk-error-summary"', 1)[1].split("</ul>", 1)[0]
    targets = re.findall(r'href="#([^"]+)"', summary)
    assert targets, "the error summary links to nothing"
    for target in targets:
        assert re.search(rf'<(input|select|textarea)[^>]*\sid="{re.escape(target)}"', page), (
            f"error summary links to #{target}, which is no input on the page"
        )
