#!/usr/bin/env python3
"""Time `trustlint lsp` from a `didChange` of a destination key policy to the `publishDiagnostics` of
the source template that reflects it (issue 14: goal under 50 ms for a one-file change after warm-up).

The workspace is N copies of examples/replication-sse-kms (2N templates), each copy with its own
account ids and bucket names so the pairs stay distinct. The fixed key policy is the server's own quick
fix (codeAction). Alternates broken/fixed, prints min/median/p90/max in ms; asserts nothing on times.

    python3 benches/lsp_latency.py [--bin target/release/trustlint] [--pairs 25] [--runs 40]
"""
import argparse, json, os, shutil, statistics, subprocess, sys, tempfile, threading, queue, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
XACCT = "KMS-DST-KEYPOLICY-XACCT"


class Server:
    def __init__(self, binary, cwd):
        self.p = subprocess.Popen([binary, "lsp"], cwd=cwd, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        self.q = queue.Queue()
        self.id = 0
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        out = self.p.stdout
        while True:
            n = None
            while True:
                line = out.readline()
                if not line:
                    return
                line = line.strip()
                if not line:
                    break
                if line.startswith(b"Content-Length:"):
                    n = int(line.split(b":")[1])
            self.q.put((time.perf_counter(), json.loads(out.read(n))))

    def send(self, msg):
        body = json.dumps(msg).encode()
        self.p.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.p.stdin.flush()
        return time.perf_counter()

    def notify(self, method, params):
        return self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def request(self, method, params):
        self.id += 1
        self.send({"jsonrpc": "2.0", "id": self.id, "method": method, "params": params})
        while True:
            _, m = self.q.get(timeout=60)
            if m.get("id") == self.id and "method" not in m:
                return m.get("result")

    def diagnostics(self, uri, want):
        while True:
            t, m = self.q.get(timeout=60)
            if m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri:
                if want(m["params"]["diagnostics"]):
                    return t, m["params"]["diagnostics"]


def cpu_seconds(pid):
    """User + system CPU time of a process (Linux /proc), or None elsewhere."""
    try:
        f = open("/proc/%d/stat" % pid).read().rsplit(")", 1)[1].split()
        return (int(f[11]) + int(f[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None


def has(d):
    return any(x.get("code") == XACCT for x in d)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=os.path.join(ROOT, "target/release/trustlint"))
    ap.add_argument("--pairs", type=int, default=25)
    ap.add_argument("--runs", type=int, default=40)
    a = ap.parse_args()
    a.bin = os.path.abspath(a.bin)
    ex = os.path.join(ROOT, "examples/replication-sse-kms")
    src = open(os.path.join(ex, "source.json")).read()
    dst = open(os.path.join(ex, "destination.json")).read()
    ws = tempfile.mkdtemp(prefix="lsp-latency-")
    try:
        for i in range(a.pairs):
            d = os.path.join(ws, "pair%02d" % i)
            os.makedirs(d)
            def vary(t):
                return (t.replace("111111111111", "1111111111%02d" % i)
                        .replace("222222222222", "2222222222%02d" % i)
                        .replace("tutorial-c", "tutorial-c%02d" % i))
            open(os.path.join(d, "source.json"), "w").write(vary(src))
            open(os.path.join(d, "destination.json"), "w").write(vary(dst))
        uri = lambda p: "file://" + os.path.join(ws, p)
        s = Server(a.bin, ws)
        s.request("initialize", {"processId": None, "rootUri": uri(""), "capabilities": {},
                                 "workspaceFolders": [{"uri": uri(""), "name": "ws"}]})
        s.notify("initialized", {})
        src_uri, dst_uri = uri("pair00/source.json"), uri("pair00/destination.json")
        broken = open(os.path.join(ws, "pair00/destination.json")).read()
        s.notify("textDocument/didOpen", {"textDocument": {"uri": dst_uri, "languageId": "json",
                                                           "version": 1, "text": broken}})
        _, d = s.diagnostics(src_uri, has)
        x = next(x for x in d if x["code"] == XACCT)
        acts = s.request("textDocument/codeAction", {"textDocument": {"uri": src_uri}, "range": x["range"],
                                                     "context": {"diagnostics": [x]}})
        e = next(a for a in acts if a.get("isPreferred"))["edit"]["changes"][dst_uri][0]
        lines = broken.split("\n")
        st = e["range"]["start"]
        off = sum(len(l) + 1 for l in lines[:st["line"]]) + st["character"]
        fixed = broken[:off] + e["newText"] + broken[off:]
        times = []
        cpu0 = None
        for k in range(a.runs + 5):
            if k == 5:
                cpu0 = cpu_seconds(s.p.pid)
            text, want = (fixed, lambda d: not has(d)) if k % 2 == 0 else (broken, has)
            t0 = s.notify("textDocument/didChange", {"textDocument": {"uri": dst_uri, "version": k + 2},
                                                      "contentChanges": [{"text": text}]})
            t1, _ = s.diagnostics(src_uri, want)
            if k >= 5:  # warm-up
                times.append((t1 - t0) * 1000)
        cpu = cpu_seconds(s.p.pid) - cpu0 if cpu0 is not None else None
        s.request("shutdown", None)
        s.notify("exit", None)
        s.p.wait(timeout=30)
        times.sort()
        print("workspace: %d templates (%d pairs); %d didChange -> publishDiagnostics runs after warm-up"
              % (2 * a.pairs, a.pairs, len(times)))
        print("ms: min %.1f  median %.1f  p90 %.1f  max %.1f" % (
            times[0], statistics.median(times), times[int(len(times) * 0.9) - 1], times[-1]))
        if cpu is not None:
            # CPU time is what the machine's load does not inflate (wall time includes waiting for a core).
            print("server CPU per check (user+system, all threads): %.1f ms" % (cpu * 1000 / len(times)))
    finally:
        shutil.rmtree(ws, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
