"""Swedish for the words typer prints itself: usage line, panel titles, help option, errors.

typer (0.2x) carries its own copy of click whose messages are plain English literals, with no
gettext catalogue to add. :func:`install` therefore translates at the few places those texts pass
through: the usage prefix, the help option's text, the panel titles, and the error panel's message
(by pattern). Anything not listed stays as typer wrote it. It must run before the app is built.
"""

from __future__ import annotations

import functools
import re

USAGE = "Användning: "
HELP_TEXT = "Visa den här hjälpen och avsluta."

PANELS = {
    "ARGUMENTS_PANEL_TITLE": "Argument",
    "OPTIONS_PANEL_TITLE": "Flaggor",
    "COMMANDS_PANEL_TITLE": "Kommandon",
    "ERRORS_PANEL_TITLE": "Fel",
    "ABORTED_TEXT": "Avbrutet.",
    "DEFAULT_STRING": "[standard: {}]",
    "REQUIRED_LONG_STRING": "[krävs]",
    "RICH_HELP": "Skriv [blue]'{command_path} {help_option}'[/] för hjälp.",
}

# (pattern, replacement) for error messages, applied in order.
ERRORS = [
    (r"^No such option: (.+?)(?: \(Possible options: (.+)\))?$", r"Flaggan \1 finns inte."),
    (r"^No such command '(.+?)'\.$", r"Kommandot '\1' finns inte."),
    (
        r"^No such command '(.+?)'\. Did you mean '(.+)'\?$",
        r"Kommandot '\1' finns inte. Menade du '\2'?",
    ),
    (r"^Missing argument '(.+)'\.$", r"Argumentet '\1' saknas."),
    (r"^Missing option '(.+)'\.$", r"Flaggan '\1' saknas."),
    (r"^Missing command\.$", "Ange ett kommando."),
    (r"^Invalid value for (.+?): (.+)$", r"Ogiltigt värde för \1: \2"),
    (r"^Invalid value: (.+)$", r"Ogiltigt värde: \1"),
    (r"^Got unexpected extra argument(?:s|\(s\))? \((.+)\)$", r"Oväntat argument: \1"),
    (r"^Option '(.+)' requires an argument\.$", r"Flaggan '\1' behöver ett värde."),
    (r"^Option '(.+)' does not take a value\.$", r"Flaggan '\1' tar inget värde."),
    (r"'(.+)' is not a valid integer\.", r"'\1' är inte ett heltal."),
    (r"Input should be greater than or equal to (\S+)", r"värdet ska vara minst \1"),
    (r"(?i:path) '(.+)' does not exist\.", r"Sökvägen '\1' finns inte."),
]


def translate_error(message: str) -> str:
    for pattern, replacement in ERRORS:
        message = re.sub(pattern, replacement, message)
    return message


def install() -> None:
    """Make typer's own texts Swedish in this process (idempotent)."""
    import typer.rich_utils as rich_utils
    from typer._click import decorators, formatting

    for attribute, value in PANELS.items():
        setattr(rich_utils, attribute, value)

    if getattr(formatting.HelpFormatter.write_usage, "_insyn", False):
        return
    original_usage = formatting.HelpFormatter.write_usage

    @functools.wraps(original_usage)
    def write_usage(self, prog, args="", prefix=None):
        return original_usage(self, prog, args, USAGE if prefix is None else prefix)

    write_usage._insyn = True
    formatting.HelpFormatter.write_usage = write_usage

    original_option = decorators.option

    @functools.wraps(original_option)
    def option(*args, **kwargs):
        if kwargs.get("help") == "Show this message and exit.":
            kwargs["help"] = HELP_TEXT
        return original_option(*args, **kwargs)

    decorators.option = option

    original_format_error = rich_utils.rich_format_error

    @functools.wraps(original_format_error)
    def rich_format_error(error):
        message = error.format_message()
        error.format_message = lambda: translate_error(message)
        return original_format_error(error)

    rich_utils.rich_format_error = rich_format_error
    # The usage line is highlighted by a regex that expects the English prefix.
    rich_utils.highlighter.highlights = [
        p.replace("Usage: ", USAGE) for p in rich_utils.highlighter.highlights
    ]
