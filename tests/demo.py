"""The demo sign-ins the issue names: tests list them rather than trust the loader."""

LEWISHAM_USERS = [
    "manager",
    "council.officer",
    "police.officer",
    "health.officer",
    "executive",
    "scrutineer",
]
DEMO_USERS = [*LEWISHAM_USERS, "other.manager"]
