"""Debian's headless Chromium for the brief's tests: found, or installed with apt-get.

The test set-up installs ``chromium`` and ``fonts-noto-cjk`` when they are missing and the
tests run as root with apt-get at hand; elsewhere the tests that need a browser are
skipped with the reason.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

PACKAGES = ("chromium", "fonts-noto-cjk")
CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
CJK_FONT_DIR = Path("/usr/share/fonts/opentype/noto")
FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
)


def _binary() -> str | None:
    return next((found for name in CANDIDATES if (found := shutil.which(name))), None)


def _apt_install(packages: list[str]) -> str | None:
    """Install ``packages`` with apt-get; None when done, else the reason it could not be."""
    if shutil.which("apt-get") is None:
        return "apt-get is not available on this system"
    if os.geteuid() != 0:
        return "not root, so apt-get cannot install packages"
    environment = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    install = ["apt-get", "install", "-y", "--no-install-recommends", *packages]
    if subprocess.run(install, env=environment, capture_output=True, timeout=900).returncode == 0:
        return None
    subprocess.run(["apt-get", "update"], env=environment, capture_output=True, timeout=600)
    done = subprocess.run(install, env=environment, capture_output=True, text=True, timeout=900)
    if done.returncode != 0:
        return f"apt-get install {' '.join(packages)} failed: {done.stderr.strip().splitlines()[-1:]}"
    return None


def ensure_chromium() -> tuple[str | None, str]:
    """(path of the browser, "") or (None, why it is not there)."""
    missing = [] if _binary() else ["chromium"]
    if not any(CJK_FONT_DIR.glob("NotoSansCJK*")):
        missing.append("fonts-noto-cjk")
    if missing:
        reason = _apt_install(missing)
        if reason and _binary() is None:
            return None, reason
    binary = _binary()
    return (binary, "") if binary else (None, "chromium is not installed and could not be installed")


def run_chromium(binary: str, *arguments: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """Chromium with the flags that work here, a fresh profile, and ``arguments``."""
    with tempfile.TemporaryDirectory(prefix="brief-chromium-") as profile:
        command = [binary, *FLAGS, f"--user-data-dir={profile}", *arguments]
        return subprocess.run(command, capture_output=True, text=True, timeout=timeout)


class Page:
    """One page in headless Chromium, driven over the DevTools protocol on a pipe.

    ``--remote-debugging-pipe`` makes Chromium read commands on its fd 3 and answer on
    fd 4 (JSON messages ending in a NUL byte): no port, no websocket library.
    """

    def __init__(self, binary: str, width: int = 1280, height: int = 900) -> None:
        self._profile = tempfile.TemporaryDirectory(prefix="brief-chromium-")
        to_chrome_read, self._to_chrome = os.pipe()
        self._from_chrome, from_chrome_write = os.pipe()

        def wire_pipes() -> None:  # in the child, before exec: the pipe ends become fds 3 and 4
            os.dup2(to_chrome_read, 3)
            os.dup2(from_chrome_write, 4)

        command = [binary, *FLAGS, f"--user-data-dir={self._profile.name}", f"--window-size={width},{height}",
                   "--remote-debugging-pipe", "about:blank"]
        self.process = subprocess.Popen(
            command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            preexec_fn=wire_pipes, pass_fds=(3, 4),
        )
        os.close(to_chrome_read)
        os.close(from_chrome_write)
        self._buffer = b""
        self._next_id = 0
        self.events: list[dict] = []
        targets = self.send("Target.getTargets")["targetInfos"]
        page = next(t for t in targets if t["type"] == "page")
        self.session = self.send("Target.attachToTarget", targetId=page["targetId"], flatten=True)["sessionId"]
        for domain in ("Page", "Runtime", "Log"):
            self.send(f"{domain}.enable", session=True)
        self.send("Emulation.setDeviceMetricsOverride", session=True, width=width, height=height,
                  deviceScaleFactor=1, mobile=False)

    def _read_message(self, deadline: float) -> dict:
        import json
        import select
        import time

        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self._from_chrome], [], [], left)[0]:
                raise TimeoutError("no answer from chromium")
            chunk = os.read(self._from_chrome, 1 << 16)
            if not chunk:
                raise ConnectionError("chromium closed the pipe")
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(message)

    def send(self, method: str, session: bool = False, timeout: float = 60, **params: object) -> dict:
        """Send one command and return its result; events met on the way are kept."""
        import json
        import time

        self._next_id += 1
        message: dict[str, object] = {"id": self._next_id, "method": method, "params": params}
        if session:
            message["sessionId"] = self.session
        os.write(self._to_chrome, json.dumps(message).encode("utf-8") + b"\0")
        deadline = time.monotonic() + timeout
        while True:
            answer = self._read_message(deadline)
            if answer.get("id") == self._next_id:
                if "error" in answer:
                    raise RuntimeError(f"{method}: {answer['error']}")
                return answer.get("result", {})
            self.events.append(answer)

    def wait_for(self, method: str, timeout: float = 60) -> dict:
        import time

        deadline = time.monotonic() + timeout
        while True:
            found = next((e for e in self.events if e.get("method") == method), None)
            if found:
                self.events.remove(found)
                return found
            self.events.append(self._read_message(deadline))

    def open(self, url: str) -> None:
        self.send("Page.navigate", session=True, url=url)
        self.wait_for("Page.loadEventFired")

    def evaluate(self, expression: str) -> object:
        result = self.send("Runtime.evaluate", session=True, expression=expression, returnByValue=True)
        if "exceptionDetails" in result:
            raise RuntimeError(result["exceptionDetails"])
        return result["result"].get("value")

    def hover(self, selector: str) -> None:
        """Move the real mouse pointer onto the element (scrolled into view first)."""
        import json

        box = self.evaluate(
            f"(() => {{ const e = document.querySelector({json.dumps(selector)}); e.scrollIntoView({{block: 'center'}});"
            " const r = e.getBoundingClientRect(); return [r.x + r.width / 2, r.y + Math.min(r.height / 2, 10)]; })()"
        )
        x, y = box  # type: ignore[misc]
        self.send("Input.dispatchMouseEvent", session=True, type="mouseMoved", x=x, y=y)

    def screenshot(self, path: Path) -> None:
        import base64

        data = self.send("Page.captureScreenshot", session=True, format="png")["data"]
        path.write_bytes(base64.b64decode(data))

    def messages(self) -> list[str]:
        """Console and log messages and uncaught exceptions seen so far."""
        found = []
        for event in self.events:
            params = event.get("params", {})
            if event.get("method") == "Runtime.consoleAPICalled":
                found.append(" ".join(str(a.get("value", "")) for a in params.get("args", [])))
            elif event.get("method") == "Log.entryAdded":
                found.append(params["entry"].get("text", ""))
            elif event.get("method") == "Runtime.exceptionThrown":
                found.append(str(params.get("exceptionDetails", {}).get("text", "")))
        return found

    def close(self) -> None:
        try:
            self.send("Browser.close", timeout=10)
        except (OSError, RuntimeError, TimeoutError, ConnectionError):
            pass
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        os.close(self._to_chrome)
        os.close(self._from_chrome)
        self._profile.cleanup()
