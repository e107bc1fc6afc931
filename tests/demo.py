"""The demo sign-ins the issue names: tests list them rather than trust the loader."""

import re

LEWISHAM_USERS = [
    "manager",
    "council.officer",
    "police.officer",
    "health.officer",
    "executive",
    "scrutineer",
]
DEMO_USERS = [*LEWISHAM_USERS, "other.manager"]

# The demo's Lewisham inspection as links name it ("JTAI London Borough of Lewisham 2025:
# …"): its year moves with the day the demo is loaded, as all its dates do.
DEMO_INSPECTION = re.compile(r"^JTAI London Borough of Lewisham \d{4}")
