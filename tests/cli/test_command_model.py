"""``kiaro do`` with a command model: what the grammar refuses goes to a model (a fake one,
registered through llm's plugin API), whose answer is checked as the grammar's steps are."""

from __future__ import annotations

import json
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import llm
import pytest

from tests.helpers import Run, add_many, dump

SENTENCE = "could you bump Acme up to an active customer please"


class FakeModel(llm.Model):
    """Answers each prompt with the canned text of the sentence it ends with."""

    model_id = "fake-reader"

    def __init__(self) -> None:
        self.answers: dict[str, str] = {}
        self.prompts: list[str] = []
        self.release = threading.Event()  # a model that hangs until released

    def execute(self, prompt: Any, stream: bool, response: Any, conversation: Any) -> Iterator[str]:
        text = str(prompt.prompt)
        self.prompts.append(text)
        sentence = text.rpartition("Sentence: ")[2]
        if sentence == "hang":
            self.release.wait()
        if sentence == "fail":
            raise RuntimeError("connection refused\nat port 11434")
        yield self.answers.get(sentence, "I cannot help with that")


class FakePlugin:
    def __init__(self, model: FakeModel) -> None:
        self.model = model

    @llm.hookimpl
    def register_models(self, register: Any) -> None:
        register(self.model)


@pytest.fixture
def model(kiaro: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeModel]:
    monkeypatch.setenv("LLM_USER_PATH", str(tmp_path / "llm-user"))  # never the real home's
    fake = FakeModel()
    plugin = FakePlugin(fake)
    llm.plugins.pm.register(plugin, name="kiaro-test-model")
    assert kiaro("settings", "set", "command-model", "fake-reader").exit_code == 0
    assert kiaro("client", "quick-add", "Acme", "--follow-up", "2026-12-01").exit_code == 0
    assert kiaro("client", "quick-add", "Zenith Labs").exit_code == 0
    try:
        yield fake
    finally:
        fake.release.set()
        llm.plugins.pm.unregister(plugin)


def status(kiaro: Run, name: str) -> str:
    return str(json.loads(kiaro("client", "show", name, "--format", "json").stdout)["status"])


def answer(*steps: dict[str, Any]) -> str:
    return json.dumps({"steps": list(steps)})


def test_a_refused_sentence_is_read_by_the_model_and_shown_marked_as_such(
    kiaro: Run, model: FakeModel, db_path: Path
) -> None:
    model.answers[SENTENCE] = answer({"action": "status", "client": "Acme", "status": "active"})
    before = dump(db_path)
    shown = kiaro("do", SENTENCE)  # off a terminal: shown, not saved
    assert shown.exit_code == 1
    assert "kiaro do: read by the model fake-reader" in shown.stdout
    assert "Move Acme (#1) from lead to active" in shown.stdout
    assert "re-run with --yes" in shown.stderr
    assert dump(db_path) == before
    # only the sentence and the names that share a word with it were sent
    assert model.prompts[-1] == f"Clients it may name:\n- Acme\n\nSentence: {SENTENCE}"


def test_yes_saves_what_the_model_read(kiaro: Run, model: FakeModel) -> None:
    model.answers[SENTENCE] = answer(
        {"action": "status", "client": "Acme", "status": "active"},
        {"action": "follow-up", "when": "in 2 weeks"},
    )
    done = kiaro("do", SENTENCE, "--yes")
    assert done.exit_code == 0, done.stderr
    assert "Saved 2 changes" in done.stdout
    assert status(kiaro, "Acme") == "active"
    shown = json.loads(kiaro("client", "show", "Acme", "--format", "json").stdout)
    assert shown["follow_up_on"] == "2026-12-07"


def test_a_dry_run_of_the_model_reading_saves_nothing(kiaro: Run, model: FakeModel, db_path: Path) -> None:
    model.answers[SENTENCE] = answer({"action": "status", "client": "Acme", "status": "active"})
    before = dump(db_path)
    planned = kiaro("do", SENTENCE, "--dry-run", "--format", "json")
    assert planned.exit_code == 0, planned.stderr
    data = json.loads(planned.stdout)
    assert data["read_by"] == "fake-reader"
    assert data["actions"][0]["values"] == {"from": "lead", "to": "active"}
    assert kiaro("do", SENTENCE, "--dry-run").exit_code == 0
    assert dump(db_path) == before


@pytest.mark.parametrize(
    ("said", "refusal"),
    [
        (answer({"action": "status", "client": "Globex", "status": "active"}), "no client matches 'Globex'"),
        (answer({"action": "delete", "client": "Acme"}), "a step kiaro cannot do: 'delete'"),
        (answer({"action": "status", "client": "Acme", "status": "gold"}), "gold"),
        (answer({"action": "follow-up", "client": "Acme", "when": "yesterday"}), "in the past"),
        (answer({"action": "status", "client": "Acme", "status": "active", "notes": "x"}), "'notes'"),
        (answer({"action": "tag", "client": "Acme", "tags": {"vip": 1}}), "other than text"),
        ("Sure! Acme should be active.", "did not answer with steps kiaro can read"),
        ('{"steps": "status"}', "did not answer with steps kiaro can read"),
        (answer(), "found nothing kiaro can do"),
    ],
)
def test_a_model_answer_is_refused_as_the_grammar_refuses(
    kiaro: Run, model: FakeModel, db_path: Path, said: str, refusal: str
) -> None:
    model.answers[SENTENCE] = said
    before = dump(db_path)
    done = kiaro("do", SENTENCE, "--yes")
    assert done.exit_code == 1
    (line,) = [line for line in done.stderr.splitlines() if line.startswith("Error:")]
    assert "fake-reader" in line and refusal in line
    assert dump(db_path) == before


def test_an_answer_in_a_code_fence_is_read(kiaro: Run, model: FakeModel) -> None:
    steps = answer({"action": "tag", "client": "Zenith Labs", "tags": ["design", "web"]})
    model.answers[SENTENCE] = f"Here you go:\n```json\n{steps}\n```"
    done = kiaro("do", SENTENCE, "--yes")
    assert done.exit_code == 0, done.stderr
    shown = json.loads(kiaro("client", "show", "zenith", "--format", "json").stdout)
    assert shown["tags"] == ["design", "web"]


def test_a_model_that_fails_or_hangs_is_one_error_naming_it(
    kiaro: Run, model: FakeModel, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = dump(db_path)
    failed = kiaro("do", "fail", "--yes")
    assert failed.exit_code == 1
    assert failed.stderr.strip() == "Error: the model fake-reader failed: connection refused; nothing saved"
    monkeypatch.setattr("kiaro_cli.core.model_reading.TIMEOUT", 0.01)
    hung = kiaro("do", "hang", "--yes")  # the fake waits until the fixture releases it
    assert hung.exit_code == 1
    assert hung.stderr.strip() == (
        "Error: the model fake-reader did not answer within 0.01 seconds; nothing saved"
    )
    assert dump(db_path) == before


def test_a_sentence_the_grammar_reads_never_reaches_the_model(kiaro: Run, model: FakeModel) -> None:
    done = kiaro("do", "mark Acme as active", "--yes")
    assert done.exit_code == 0, done.stderr
    assert "read by the model" not in done.stdout
    assert model.prompts == []


def test_an_unknown_model_is_one_error(kiaro: Run, model: FakeModel) -> None:
    assert kiaro("settings", "set", "command-model", "no-such-model").exit_code == 0
    done = kiaro("do", SENTENCE, "--yes")
    assert done.exit_code == 1
    assert done.stderr.startswith("Error: the model no-such-model is unknown to llm")


def test_without_llm_installed_the_setting_says_how_to_install_it(
    kiaro: Run, model: FakeModel, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "llm", None)  # import llm raises ImportError
    done = kiaro("do", SENTENCE, "--yes")
    assert done.exit_code == 1
    assert done.stderr.strip() == (
        "Error: command-model needs the llm library: "
        "uv tool install 'kiaro-cli[model]' (or pipx inject kiaro-cli llm)"
    )


def test_without_the_setting_the_grammar_refuses_as_before(kiaro: Run, model: FakeModel) -> None:
    assert kiaro("settings", "set", "command-model", "").stdout.strip() == "command-model cleared"
    done = kiaro("do", SENTENCE, "--yes")
    assert done.exit_code == 1
    assert done.stderr.startswith("Error: cannot understand '") and "bump Acme up" in done.stderr
    assert model.prompts == []


def test_the_setting_is_one_line_kept_on_this_machine_and_shown(kiaro: Run, model: FakeModel) -> None:
    shown = json.loads(kiaro("settings", "show", "--format", "json").stdout)
    assert shown["command-model"] == "fake-reader"
    refused = kiaro("settings", "set", "command-model", "llama3\nmistral")
    assert refused.exit_code == 1 and "command-model must be on one line" in refused.stderr
    assert kiaro("settings", "set", "command-model", "").exit_code == 0
    assert json.loads(kiaro("settings", "show", "--format", "json").stdout)["command-model"] is None


def test_candidates_are_the_clients_sharing_a_word_at_most_fifty(
    kiaro: Run, model: FakeModel, tmp_path: Path
) -> None:
    add_many(kiaro, tmp_path, [f"Orbit {number:03}" for number in range(60)])
    kiaro("do", "please sort out orbit 007", "--dry-run")
    names = model.prompts[-1].split("\n\nSentence:")[0].splitlines()[1:]
    assert len(names) == 50
    assert names[0] == "- Orbit 007"  # two words shared: first
    assert "- Acme" not in names
