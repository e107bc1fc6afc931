"""Checks of what a person sees, shared by the tests of every form."""

import re


def error_summary_messages(html: str) -> list[str]:
    summary = html.split('class="govuk-error-summary"', 1)
    if len(summary) < 2:
        return []
    return re.findall(r'<li><a href="#[^"]+">([^<]+)</a></li>', summary[1].split("</ul>", 1)[0])


def assert_error_summary_links_reach_inputs(html: str):
    """Every link in the GOV.UK error summary must focus an element that is on the page."""
    summary = html.split('class="govuk-error-summary"', 1)[1].split("</ul>", 1)[0]
    targets = re.findall(r'href="#([^"]+)"', summary)
    assert targets, "the error summary links to nothing"
    for target in targets:
        assert re.search(rf'<(input|select|textarea)[^>]*\sid="{re.escape(target)}"', html), (
            f"error summary links to #{target}, which is no input on the page"
        )
