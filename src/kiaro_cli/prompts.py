"""Questions asked on a terminal: the only module that imports questionary."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from kiaro_cli.core.fields import CLIENT_FIELDS, CleanContext
from kiaro_cli.errors import KiaroError


class Cancelled(KiaroError):
    """The person pressed Ctrl-C or Ctrl-D at a prompt."""


def _answer(question: Any, cancelled: str) -> Any:
    """The answer to a question; Ctrl-C or Ctrl-D end it with one line, ours.

    ``unsafe_ask`` rather than ``ask``: the latter prints its own "Cancelled by user"
    before returning, and the person would read two lines for one cancellation.
    """
    try:
        answer = question.unsafe_ask()
    except (KeyboardInterrupt, EOFError):
        answer = None
    if answer is None:
        raise Cancelled(cancelled)
    return answer


Check = Callable[[str, str], None]  # a rule needing the database: raises KiaroError


def _on_stderr() -> dict[str, Any]:
    """Where a question is drawn: stderr, as every line for people beside a command's output,
    so that ``id=$(kiaro … -q)`` or ``--format json > file`` keeps only the id or the JSON,
    and the question shows on the terminal."""
    import sys

    from prompt_toolkit.output import create_output

    return {"output": create_output(stdout=sys.stderr)}


def _validator(key: str, today: date, check: Check | None = None) -> object:
    rule = CLIENT_FIELDS[key]

    def validate(text: str) -> bool | str:
        if not text.strip():
            return f"{rule.prompt} is required"
        try:
            rule.clean(text, CleanContext(today))
            if check is not None:
                check(key, text)
        except KiaroError as error:
            return one_line(error.message, text)
        return True

    return validate


def one_line(message: str, typed: str) -> str:
    """A check's message fitted to the prompt's one line below the answer: the answer, which
    is on screen already, is not repeated when that makes it fit, and what is still too long
    is cut with "…"."""
    import shutil

    width = shutil.get_terminal_size().columns - 1
    if len(message) > width:
        message = message.replace(f" '{typed.strip()}'", "", 1)
    return message if len(message) <= width else message[: width - 1] + "…"


def ask_client_fields(keys: Sequence[str], today: date, check: Check | None = None) -> dict[str, str]:
    """Ask for each of ``keys`` in turn, checking every answer as it is given: with the
    field's rule, then with ``check`` (a name already taken), when Enter is pressed."""
    import questionary

    from kiaro_cli.places import country_choices

    answers: dict[str, str] = {}
    for key in keys:
        label = CLIENT_FIELDS[key].prompt
        if key == "country":
            question = questionary.autocomplete(
                f"{label}:",
                choices=country_choices(),
                validate=_validator(key, today, check),
                validate_while_typing=False,
                ignore_case=True,
                match_middle=True,
                **_on_stderr(),
            )
        else:
            question = questionary.text(
                f"{label}:",
                validate=_validator(key, today, check),
                validate_while_typing=False,
                **_on_stderr(),
            )
        answers[key] = str(_answer(question, "cancelled; nothing was saved"))
    return answers


def confirm(message: str) -> bool:
    """Ask a yes/no question (default no)."""
    import questionary

    return bool(
        _answer(questionary.confirm(message, default=False, **_on_stderr()), "cancelled; nothing was changed")
    )


def agree(message: str) -> bool:
    """Ask a yes/no question where Enter says yes."""
    import questionary

    return bool(
        _answer(questionary.confirm(message, default=True, **_on_stderr()), "cancelled; nothing was saved")
    )


def ask_sentence(history: Path, words: Sequence[str]) -> str | None:
    """A line typed at the command bar's prompt, with the lines typed before (up arrow) and
    completion of ``words`` (Tab); None when the person leaves with Ctrl-D."""
    import questionary
    from prompt_toolkit.completion import WordCompleter
    from prompt_toolkit.history import FileHistory

    from kiaro_cli.storage.files import create_private_file

    create_private_file(history)  # what was typed is as private as the database it was said to
    question = questionary.text(
        "kiaro do",
        qmark="›",
        history=FileHistory(str(history)),
        completer=WordCompleter(list(words), ignore_case=True),
        complete_while_typing=False,
        **_on_stderr(),
    )
    try:
        answer = question.unsafe_ask()
    except EOFError:
        return None
    except KeyboardInterrupt:
        raise Cancelled("cancelled; nothing was saved") from None
    return str(answer) if answer is not None else None


def choose(message: str, labels: Sequence[str]) -> str:
    """Pick one of ``labels`` with the arrow keys (the first is preselected)."""
    import questionary

    question = questionary.select(message, choices=list(labels), **_on_stderr())
    return str(_answer(_ctrl_d_cancels(question), "cancelled; nothing was changed"))


def _ctrl_d_cancels(question: Any) -> Any:
    """``question`` with Ctrl-D cancelling it, as at every other question (a list of
    choices takes only Ctrl-C of itself)."""
    from prompt_toolkit.key_binding import KeyBindings, merge_key_bindings
    from prompt_toolkit.keys import Keys

    extra = KeyBindings()

    @extra.add(Keys.ControlD, eager=True)
    def _cancel(event: Any) -> None:
        event.app.exit(exception=EOFError, style="class:aborting")

    application = question.application
    own = application.key_bindings
    application.key_bindings = merge_key_bindings([own, extra]) if own is not None else extra
    return question


def ask_value(label: str, check: Callable[[str], object]) -> str:
    """Ask for one value, checked by ``check`` (a rule of the core: it raises KiaroError)
    when Enter is pressed, so a wrong answer is said at once and asked again."""
    import questionary

    def validate(text: str) -> bool | str:
        if not text.strip():
            return f"{label} is required"
        try:
            check(text)
        except KiaroError as error:
            return one_line(error.message, text)
        return True

    question = questionary.text(f"{label}:", validate=validate, validate_while_typing=False, **_on_stderr())
    return str(_answer(question, "cancelled; nothing was saved"))


def ask_net_and_currency(fields: Sequence[str], today: date) -> dict[str, str]:
    """Ask for what a quote or invoice lacks (``fields``: ``amount``, ``currency``), each
    answer checked as it is given."""
    from kiaro_cli.core.money import clean_amount

    asked = {"amount": ask_value("Net amount", clean_amount)} if "amount" in fields else {}
    if "currency" in fields:
        asked |= ask_client_fields(["currency"], today)
    return asked
