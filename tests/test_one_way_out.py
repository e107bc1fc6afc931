"""Every e-mail leaves through notifications.emails.email_send, and every file through
audit.downloads.file_download: the one place each is logged (and, later, rate-limited or
sent to a worker). A module that reached for Django's mail API or built a file response of
its own would slip past both."""

import ast
from pathlib import Path

from django.apps import apps
from django.conf import settings


def our_modules():
    for config in apps.get_app_configs():
        path = Path(config.path)
        if path.parent != settings.BASE_DIR:
            continue  # the packages in .venv
        for module in path.rglob("*.py"):
            if "migrations" not in module.parts:
                yield module.relative_to(settings.BASE_DIR), ast.parse(module.read_text())


def imports_of(tree) -> set[str]:
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            names |= {f"{node.module}.{alias.name}" for alias in node.names} | {node.module}
        elif isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
    return names


def test_only_notifications_uses_djangos_mail_api():
    reaching = [
        str(path)
        for path, tree in our_modules()
        if path.parts[0] != "notifications"
        and any(name.startswith("django.core.mail") for name in imports_of(tree))
    ]
    assert reaching == []


def test_only_the_download_function_hands_out_files():
    reaching = [
        str(path)
        for path, tree in our_modules()
        if str(path) != "audit/downloads.py"
        and {"django.http.FileResponse", "django.http.response.FileResponse"} & imports_of(tree)
    ]
    assert reaching == []


def test_the_walk_sees_the_apps():
    seen = {path.parts[0] for path, _ in our_modules()}
    assert {"actions", "audit", "notifications", "people", "rounds"} <= seen


def test_pages_leave_the_audit_trail_to_the_services():
    # A view that recorded its own entry would word it apart from the change it describes,
    # and an API or a command making the same change would record nothing.
    recording = [
        str(path)
        for path, tree in our_modules()
        # views.py and *_views.py: not reviews.py, the sustainability reviews' service.
        if (path.stem == "views" or path.stem.endswith("_views"))
        and "audit.trail.record" in imports_of(tree)
    ]
    assert recording == []
