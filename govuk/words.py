"""How the service writes counts, in pages, e-mails and documents alike."""


def plural(count: int, word: str) -> str:
    """'1 action', '3 actions': every count the service writes."""
    return f"{count} {word}" if count == 1 else f"{count} {word}s"
