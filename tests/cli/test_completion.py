"""Shell completion of commands and of data (clients, tags, contacts, field keys, settings):
through each shell's protocol (``_KIARO_COMPLETE``), through a real bash, and the
``kiaro completion`` commands that install it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import Run

pytestmark = pytest.mark.slow
COMPLETIONS = Path(__file__).parent.parent.parent / "completions"


def completed(shell: str, line: str) -> str:
    """What kiaro answers the shell for the command ``line`` (the cursor at its end)."""
    env = {**os.environ, "_KIARO_COMPLETE": f"complete_{shell}"}
    if shell == "bash":  # as completions/kiaro.bash passes it: the line up to the cursor
        env |= {"COMP_LINE": line, "COMP_WORDBREAKS": "\"'><=;|&(:"}
    else:
        env |= {"_TYPER_COMPLETE_ARGS": line, "_TYPER_COMPLETE_FISH_ACTION": "get-args"}
    done = subprocess.run(
        [sys.executable, "-m", "kiaro_cli"], capture_output=True, text=True, env=env, check=False
    )
    assert done.returncode == 0 and done.stderr == "", done.stderr
    answer = done.stdout.removesuffix("\n")
    if shell != "bash" or not answer:
        return answer
    kinds, values = zip(*(line.split(",", 1) for line in answer.split("\n")), strict=True)
    assert set(kinds) <= {"plain", "file", "dir"}, kinds
    return "\n".join(values)


@pytest.fixture
def studio(kiaro: Run) -> None:
    for name in ("Brand Factor", "Bravo Studio", "Café Noir", "O'Brien & Sons"):
        assert kiaro("client", "quick-add", name).exit_code == 0
    for args in (
        ("client", "edit", "café", "--code", "NOIR", "--currency", "EUR"),
        ("client", "tag", "brand", "Web Dev", "design"),
        ("contact", "add", "brand", "--name", "Thandi Mokoena"),
        ("field", "add", "sector", "--type", "choice", "--choices", "Retail,Finance"),
    ):
        assert kiaro(*args).exit_code == 0, args


def test_bash_gets_client_names_escaped_whatever_the_case_or_accents(studio: None) -> None:
    assert completed("bash", "kiaro client show br").split("\n") == ["Brand\\ Factor", "Bravo\\ Studio"]
    assert completed("bash", "kiaro followup set cafe") == "Café\\ Noir"
    assert completed("bash", "kiaro client show o") == "O\\'Brien\\ \\&\\ Sons"
    assert completed("bash", "kiaro interaction add no") == "NOIR"
    assert completed("bash", "kiaro client show Brand\\ F") == "Brand\\ Factor"


def test_tags_contacts_fields_and_settings_complete(studio: None) -> None:
    assert completed("bash", "kiaro client list --tag w") == "Web\\ Dev"
    assert completed("bash", "kiaro client untag brand ") == "design\nWeb\\ Dev"
    assert completed("bash", "kiaro contact edit ") == "1"
    assert completed("bash", "kiaro client edit brand --set se") == "sector="
    assert completed("bash", "kiaro client list --where sector=r") == "Retail"  # bash keeps 'sector='
    assert completed("bash", "kiaro client edit brand --unset ") == "sector"
    assert completed("bash", "kiaro field remove ") == "sector"
    assert completed("bash", "kiaro settings set default-c") == "default-currency"
    assert completed("bash", "kiaro settings set default-currency ") == "EUR"
    assert completed("bash", "kiaro client list --sort ").split() == [
        "name", "value", "activity", "created", "follow-up", "revenue",
    ]  # fmt: skip
    assert completed("bash", "kiaro client list --has-p") == "--has-projects"
    assert completed("bash", "kiaro client list --over").split() == ["--overdue"]
    assert completed("bash", "kiaro cl") == "client"
    assert completed("bash", "kiaro client sh") == "show"


def test_contacts_emails_and_phones_complete_what_contact_edit_removes(kiaro: Run, studio: None) -> None:
    kiaro("contact", "edit", "1", "--add-email", "thandi@bf.co.za", "--add-email", "t@home.org")
    kiaro("contact", "edit", "1", "--add-phone", "+27 82 555 0101")
    assert completed("bash", "kiaro contact edit 1 --remove-email ").split("\n") == [
        "t@home.org",
        "thandi@bf.co.za",
    ]
    assert completed("bash", "kiaro contact edit 1 --remove-email T@") == "t@home.org"
    assert completed("bash", "kiaro contact edit 1 --remove-phone +27") == "+27\\ 82\\ 555\\ 0101"
    fish = completed("fish", "kiaro contact edit 1 --remove-email t@")
    assert fish == "t@home.org\tThandi Mokoena at Brand Factor"


def test_zsh_and_fish_get_names_with_what_they_are(studio: None) -> None:
    assert completed("zsh", "kiaro client show br") == (
        '_arguments \'*: :(("Brand Factor":"lead (#1)"\n"Bravo Studio":"lead (#2)"))\''
    )
    assert completed("zsh", "kiaro client show o") == "_arguments '*: :((\"O''Brien & Sons\":\"lead (#4)\"))'"
    assert completed("fish", "kiaro client show br").split("\n") == [
        "Brand Factor\tlead (#1)",
        "Bravo Studio\tlead (#2)",
    ]
    assert completed("fish", "kiaro client list --tag ").split("\n") == [
        "design\t1 client",
        "Web Dev\t1 client",
    ]


def test_a_name_with_an_escape_sequence_is_not_offered_and_descriptions_show_it_escaped(
    studio: None, db_path: Path
) -> None:
    import sqlite3

    with sqlite3.connect(db_path) as connection:  # as a restored database may hold them
        connection.execute("UPDATE client SET name = 'Brave\x1b[2J' WHERE id = 2")
        connection.execute("UPDATE contact SET name = 'Thandi\x1b]0;owned\x07'")
    assert completed("fish", "kiaro client show br") == "Brand Factor\tlead (#1)"
    assert completed("fish", "kiaro contact edit ") == "1\tThandi\\x1b]0;owned\\x07 at Brand Factor"


@pytest.mark.no_database
def test_without_a_database_completion_offers_nothing_and_creates_none(db_path: Path) -> None:
    assert completed("bash", "kiaro client show ") == ""
    assert completed("zsh", "kiaro client show ") == "_files"
    assert not db_path.exists()


def test_a_completion_call_loads_nothing_heavy(studio: None, monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.test_processes import loaded_modules

    monkeypatch.setenv("_KIARO_COMPLETE", "complete_bash")
    monkeypatch.setenv("COMP_WORDS", "kiaro client show br")
    monkeypatch.setenv("COMP_CWORD", "3")
    assert loaded_modules() == []


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_a_real_bash_completes_a_name_that_the_command_then_finds(studio: None, tmp_path: Path) -> None:
    kiaro_bin = tmp_path / "bin" / "kiaro"
    kiaro_bin.parent.mkdir()
    kiaro_bin.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m kiaro_cli "$@"\n')
    kiaro_bin.chmod(0o755)
    session = f"""
        source {COMPLETIONS / "kiaro.bash"}
        complete -p kiaro
        COMP_LINE="kiaro client show Bra"; COMP_POINT=${{#COMP_LINE}}
        _kiaro_completion kiaro
        printf '%s\\n' "${{COMPREPLY[@]}}"
        COMP_LINE="kiaro client show Brand"; COMP_POINT=${{#COMP_LINE}}
        _kiaro_completion kiaro
        eval "kiaro client show ${{COMPREPLY[0]}} --format json" | grep -m1 '"name"'
    """
    env = {**os.environ, "PATH": f"{kiaro_bin.parent}:{os.environ['PATH']}"}
    done = subprocess.run(
        ["bash", "--norc", "-c", session], capture_output=True, text=True, env=env, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        "complete -F _kiaro_completion kiaro",
        "Brand\\ Factor",
        "Bravo\\ Studio",
        '  "name": "Brand Factor",',
    ]


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_a_real_bash_completes_the_value_after_key_equals(studio: None, tmp_path: Path) -> None:
    kiaro_bin = tmp_path / "bin" / "kiaro"
    kiaro_bin.parent.mkdir()
    kiaro_bin.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m kiaro_cli "$@"\n')
    kiaro_bin.chmod(0o755)
    (tmp_path / "old-crm.csv").write_text("name\n")
    session = f"""
        source {COMPLETIONS / "kiaro.bash"}
        offered() {{
            COMP_LINE="$1"; COMP_POINT=${{#1}}; _kiaro_completion kiaro; echo "${{COMPREPLY[*]}}|"
        }}
        offered "kiaro client edit brand --set sec"
        offered "kiaro client edit brand --set sector="
        offered "kiaro client edit brand --set sector=R"
        offered "kiaro client list --where sector=F"
        offered "kiaro client show Bra"
        cd {tmp_path}; offered "kiaro import clients old"; complete -p kiaro
    """
    env = {**os.environ, "PATH": f"{kiaro_bin.parent}:{os.environ['PATH']}"}
    done = subprocess.run(
        ["bash", "--norc", "-c", session], capture_output=True, text=True, env=env, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        "sector=|",  # bash splits the word at '=': the value is what follows it
        "Retail Finance|",
        "Retail|",
        "Finance|",
        "Brand\\ Factor Bravo\\ Studio|",
        "|",  # a file name: bash lists the files itself (its default), kiaro offers none
        "complete -F _kiaro_completion kiaro",
    ]


def test_a_script_installed_by_an_older_kiaro_still_gets_plain_values(studio: None) -> None:
    env = {**os.environ, "_KIARO_COMPLETE": "complete_bash", "COMP_WORDS": "kiaro client show br"}
    done = subprocess.run(
        [sys.executable, "-m", "kiaro_cli"],
        capture_output=True,
        text=True,
        env={**env, "COMP_CWORD": "3"},
        check=False,
    )
    assert done.stdout.split("\n")[:2] == ["Brand\\ Factor", "Bravo\\ Studio"]


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_completion_show_prints_the_committed_script(kiaro: Run, shell: str) -> None:
    shown = kiaro("completion", "show", shell)
    assert shown.exit_code == 0
    assert shown.stdout == (COMPLETIONS / f"kiaro.{shell}").read_text()


@pytest.mark.parametrize(
    ("shell", "where"),
    [
        ("bash", "xdg-data/bash-completion/completions/kiaro"),
        ("fish", "xdg-config/fish/completions/kiaro.fish"),
        ("zsh", "home/.zfunc/_kiaro"),
    ],
)
def test_completion_install_writes_where_the_shell_looks(
    kiaro: Run, shell: str, where: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("SHELL", f"/usr/bin/{shell}")
    installed = kiaro("completion", "install")
    assert installed.exit_code == 0, installed.output
    path = tmp_path / where
    assert installed.stdout.startswith(f"Installed {shell} completion in {path}.")
    assert path.read_text() == (COMPLETIONS / f"kiaro.{shell}").read_text()
    if shell == "zsh":
        assert f"fpath+=({path.parent})" in installed.stdout


def test_completion_install_names_the_shell_it_cannot_tell(
    kiaro: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SHELL", "/bin/tcsh")
    refused = kiaro("completion", "install")
    assert refused.exit_code == 1
    assert refused.stderr == (
        "Error: cannot tell which shell you use (SHELL is 'tcsh'); name it: "
        "kiaro completion install bash|zsh|fish\n"
    )
