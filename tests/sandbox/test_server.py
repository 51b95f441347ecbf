"""The server itself: loopback only, start/stop, the foreground command."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import urllib.request

import pytest

from reconciler.sandbox.server import SandboxServer


def test_only_loopback_addresses_are_accepted() -> None:
    with pytest.raises(ValueError):
        SandboxServer(host="0.0.0.0")


def test_start_returns_the_url_and_stop_releases_the_port() -> None:
    with SandboxServer() as server:
        assert server.url.startswith("http://127.0.0.1:")
        assert server.port != 0
        with urllib.request.urlopen(server.url + "/_sandbox/requests") as response:
            assert json.loads(response.read()) == []
    with pytest.raises(OSError):
        urllib.request.urlopen(server.url + "/_sandbox/requests", timeout=2)


@pytest.mark.parametrize("stop_signal", [signal.SIGINT, signal.SIGTERM])
def test_serve_forever_prints_how_to_use_it_and_stops_on_a_signal(
    stop_signal: signal.Signals,
) -> None:
    process = subprocess.Popen(
        [sys.executable, "-c",
         "from reconciler.sandbox.server import serve_forever; serve_forever(port=0)"],
        stderr=subprocess.PIPE, text=True,
    )
    try:
        assert process.stderr is not None
        line = process.stderr.readline()
        assert "export AWS_ENDPOINT_URL_COGNITO_IDP=http://127.0.0.1:" in line
        url = line.rsplit("=", 1)[1].strip()
        with urllib.request.urlopen(url + "/_sandbox/requests", timeout=5) as response:
            assert response.status == 200
        process.send_signal(stop_signal)
        assert process.wait(timeout=20) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        if process.stderr is not None:
            process.stderr.close()
