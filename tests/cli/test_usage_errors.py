"""Every command-line usage error prints one clear line and exits with status 2."""

from __future__ import annotations

import pytest

from fairmilk.cli import main


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (["--bogus"], "No such option: --bogus"),
        (["serve", "--port", "abc"], "Invalid value for '--port'"),
        (["serve", "--port", "0"], "Invalid value for '--port'"),
        (["nosuch"], "No such command 'nosuch'"),
        (["report"], "Missing option '--country'"),
    ],
)
def test_usage_errors_exit_2_with_a_message(
    argv: list[str], said: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.argv", ["fairmilk", *argv])
    with pytest.raises(SystemExit) as stopped:
        main()
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    assert said in err
    assert "Traceback" not in err
