"""Starting the server: what `report-checker serve` does after its options."""

from __future__ import annotations

import ipaddress
import socket
import sys
from pathlib import Path

import click


def loopback(host: str) -> bool:
    """Whether `host` is this machine only (127.0.0.1, ::1, localhost)."""
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"


def token_from(path: str) -> str:
    return Path(path).read_text(encoding="utf-8").strip()


def _free(host: str, port: int) -> bool:
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
        try:
            probe.bind((host, port))
        except OSError:
            return False
    return True


def run(host: str, port: int, workers: int, queue: int | None, token: str | None) -> None:
    import uvicorn

    from checker.web.app import create_app
    if not _free(host, port):
        click.echo(f"report-checker: cannot listen on {host}:{port}: it is in use "
                   "(choose another with --port)", err=True)
        sys.exit(2)
    # every interface: the address others use is this machine's name
    shown = socket.gethostname() if host in ("0.0.0.0", "::") else \
        f"[{host}]" if ":" in host else host
    address = f"http://{shown}:{port}/" + (f"?token={token}" if token else "")
    click.echo(f"report-checker: open {address} in a browser (Ctrl+C stops the server)",
               err=True)
    # no access log: it would hold the token of the address above; nothing
    # else the server logs carries a file name or report text
    uvicorn.run(create_app(workers, queue, token), host=host, port=port,
                log_level="warning", access_log=False)
