#!/usr/bin/env python3
"""How fast an HTML report opens in headless Chromium (issue 13): first paint, DOMContentLoaded and the
renderer's CPU time, taken through the DevTools protocol on a pipe (Python's standard library only).

    scripts/html-load.py report.html             # 5 runs, the page opened at #S3
    scripts/html-load.py report.html 10 S1-a2-s7  # 10 runs, opened at a sentence

Each run starts Chromium with a fresh profile, opens the page at the fragment, waits for the load event, then
reads the page's own timings (performance entries, measured from the start of navigation): `fcp` is the first
contentful paint, `dcl` the end of DOMContentLoaded (the page's script runs at the end of the document, so this
is when the summary is in place and the linked story starts opening), `cpu` the CPU time of the renderer
process from /proc (including its start, about 0.3-0.4 s on an empty page), and `opened` whether the story of
the fragment was rendered 0.3 s after the load event. Wall times depend on the machine's load; take the median
of several runs and say what the load was (it is printed).

Chromium is /usr/bin/chromium or $CHROMIUM.
"""
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time


def renderer_cpu_ms(root):
    """CPU time (user + system, ms) of the renderer processes below the process `root`."""
    children = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                parent = int(f.read().rsplit(")", 1)[1].split()[1])
            children.setdefault(parent, []).append(int(entry))
        except (OSError, IndexError, ValueError):
            pass
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        todo += children.get(pid, [])
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                if b"--type=renderer" not in f.read():
                    continue
            with open(f"/proc/{pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])
        except (OSError, IndexError, ValueError):
            pass
    return round(total * 1000 / os.sysconf("SC_CLK_TCK"))


class Browser:
    """Headless Chromium driven through --remote-debugging-pipe (its fd 3 reads commands, fd 4 answers)."""

    def __init__(self, chromium):
        to_chromium, self.commands = os.pipe()
        self.answers, from_chromium = os.pipe()
        self.profile = tempfile.TemporaryDirectory()

        def pipes_as_3_and_4():
            a, b = os.dup(to_chromium), os.dup(from_chromium)  # either may already be fd 3 or 4
            os.dup2(a, 3)
            os.dup2(b, 4)

        args = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--remote-debugging-pipe", f"--user-data-dir={self.profile.name}", "about:blank"]
        self.process = subprocess.Popen(args, preexec_fn=pipes_as_3_and_4, close_fds=False,
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(to_chromium)
        os.close(from_chromium)
        self.buffer, self.last_id, self.events = b"", 0, []

    def receive(self):
        while b"\0" not in self.buffer:
            chunk = os.read(self.answers, 1 << 16)
            if not chunk:
                raise RuntimeError("chromium closed the DevTools pipe")
            self.buffer += chunk
        message, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(message)

    def call(self, method, params=None, session=None):
        self.last_id += 1
        message = {"id": self.last_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self.commands, json.dumps(message).encode() + b"\0")
        while True:
            answer = self.receive()
            if answer.get("id") == self.last_id:
                if "error" in answer:
                    raise RuntimeError(f"{method}: {answer['error']}")
                return answer["result"]
            self.events.append(answer)

    def wait_for(self, event):
        while True:
            message = self.events.pop(0) if self.events else self.receive()
            if message.get("method") == event:
                return message

    def close(self):
        try:
            self.call("Browser.close")
        except (RuntimeError, OSError):
            pass
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
        os.close(self.commands)
        os.close(self.answers)
        self.profile.cleanup()


PAGE_TIMINGS = """JSON.stringify({
  fcp: Math.round((performance.getEntriesByName('first-contentful-paint')[0] || {startTime: -1}).startTime),
  dcl: Math.round(performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd),
  opened: !!document.querySelector('details.story[open][data-rendered=yes]')
})"""


def measure(url, chromium):
    browser = Browser(chromium)
    try:
        page = next(t for t in browser.call("Target.getTargets")["targetInfos"] if t["type"] == "page")
        session = browser.call("Target.attachToTarget", {"targetId": page["targetId"], "flatten": True})["sessionId"]
        browser.call("Page.enable", session=session)
        browser.call("Page.navigate", {"url": url}, session=session)
        browser.wait_for("Page.loadEventFired")
        time.sleep(0.3)
        result = browser.call("Runtime.evaluate", {"expression": PAGE_TIMINGS, "returnByValue": True}, session=session)
        timings = json.loads(result["result"]["value"])
        timings["cpu"] = renderer_cpu_ms(browser.process.pid)
        return timings
    finally:
        browser.close()


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    page = os.path.abspath(sys.argv[1])
    if not os.path.isfile(page):
        sys.exit(f"html-load: {sys.argv[1]}: no such file")
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    fragment = sys.argv[3] if len(sys.argv) > 3 else "S3"
    chromium = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    if not os.access(chromium, os.X_OK):
        sys.exit(f"html-load: no Chromium at {chromium} (apt-get install chromium, or set $CHROMIUM)")
    print(f"{page}: {os.path.getsize(page):,} bytes; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    results = []
    for run in range(runs):
        timings = measure(f"file://{page}#{fragment}", chromium)
        print(f"run {run + 1}: fcp {timings['fcp']} ms, dcl {timings['dcl']} ms, renderer cpu {timings['cpu']} ms, "
              f"#{fragment} opened: {timings['opened']}")
        results.append(timings)
    for key in ("fcp", "dcl", "cpu"):
        values = [r[key] for r in results]
        print(f"{key}: median {statistics.median(values):.0f} ms (min {min(values)}, max {max(values)})")
    print(f"load average {os.getloadavg()[0]:.1f} at the end")


if __name__ == "__main__":
    main()
