#!/usr/bin/env python3
"""Soak benchmark driver (run it through benchmarks/soak.sh, which builds the release binaries first).

For each size: a deploy folder of SIZE objects (benchmarks/sync/generate.py) in a git repository, a release-built
KubeSim process, a first `mooring sync`, then `mooring run` polling every POLL_MS milliseconds with nothing changing.
The daemon's RSS (VmRSS from /proc) is read between polls after WARMUP syncs (the start) and again POLLS syncs later
(the end); syncs are counted from its /metrics (mooring_sync_total). Each no-change sync must run no kubectl apply.
Usage: soak.py RESULTS_DIR POLLS SIZE...; prints a JSON summary on stdout."""
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
# The release binaries (soak.sh builds them in .build/release; SOAK_BIN_DIR points elsewhere).
RELEASE = os.environ.get("SOAK_BIN_DIR", os.path.join(ROOT, ".build", "release"))
KUBECTL = "/usr/bin/kubectl"


class KubeSim:
    """A kubesim process on a free port, with its own kubeconfig (benchmarks/sync/bench.py runs its module on
    import, so its class is not shared)."""

    def __init__(self, folder):
        os.makedirs(folder, exist_ok=True)
        self.kubeconfig = os.path.join(folder, "kubeconfig")
        self.process = subprocess.Popen(
            [os.path.join(RELEASE, "kubesim"), "--port", "0", "--kubeconfig-out", self.kubeconfig, "--ready-delay-ms", "0"],
            stdout=subprocess.PIPE, stderr=open(os.path.join(folder, "kubesim.log"), "w"), stdin=subprocess.DEVNULL,
        )
        self.port = int(self.process.stdout.readline())

    def stop(self):
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=30)


def git(folder, *arguments):
    subprocess.run(["git", "-C", folder, "-c", "user.name=soak", "-c", "user.email=soak@example.com", *arguments],
                   check=True, capture_output=True)


WARMUP = int(os.environ.get("SOAK_WARMUP", "20"))
POLL_MS = int(os.environ.get("SOAK_POLL_MS", "250"))


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise RuntimeError("no VmRSS")


def cpu_seconds(pid):
    """User and system CPU time of the process (not its children: kubectl's cost is the same with or without any
    change to Mooring's memory handling)."""
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def syncs(port):
    text = urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=10).read().decode()
    return sum(float(value) for value in re.findall(r'^mooring_sync_total\{[^}]*\} (\S+)$', text, re.M))


def wait_for_syncs(port, count, process, timeout):
    """Waits until `count` syncs are done; returns how many are."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit(f"mooring run exited {process.returncode}")
        try:
            done = syncs(port)
        except OSError:
            done = 0
        if done >= count:
            return done
        time.sleep(0.05)
    sys.exit(f"fewer than {count} syncs within {timeout}s")


def median_rss(port, process, done, readings=5):
    """The median of RSS readings taken after each of the next `readings` syncs (one reading is noisy: a sync
    in progress holds its kubectl output)."""
    values = []
    for index in range(readings):
        wait_for_syncs(port, done + index, process, 120)
        values.append(rss_kib(process.pid))
    return sorted(values)[len(values) // 2]


def soak(size, polls, work):
    folder = os.path.join(work, f"size-{size}")
    subprocess.run(["rm", "-rf", folder], check=True)
    repo = os.path.join(folder, "repo")
    os.makedirs(repo)
    git(repo, "init", "-q", "-b", "main")
    subprocess.run([sys.executable, os.path.join(HERE, "..", "sync", "generate.py"), str(size), os.path.join(repo, "deploy")], check=True)
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", f"{size} objects")
    sim = KubeSim(os.path.join(folder, "sim"))
    port = free_port()
    config = os.path.join(folder, "mooring.yaml")
    with open(config, "w") as handle:
        handle.write(
            f"source: {{url: {repo}, branch: main, path: deploy, pollInterval: {POLL_MS}ms}}\n"
            f"cluster: {{kubeconfig: {sim.kubeconfig}, kubectl: {KUBECTL}}}\n"
            f"health: {{timeout: 300s}}\nserver: {{listen: '127.0.0.1:{port}'}}\nstateDir: {os.path.join(folder, 'state')}\n"
        )
    subprocess.run([os.path.join(RELEASE, "mooring"), "sync", "--config", config], check=True, capture_output=True)
    log = open(os.path.join(folder, "run.log"), "w")
    environment = dict(os.environ, MOORING_LOG_FORMAT="json")
    daemon = subprocess.Popen(
        [os.path.join(RELEASE, "mooring"), "run", "-v", "--config", config],
        stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=environment,
    )
    try:
        started = time.monotonic()
        first = wait_for_syncs(port, WARMUP, daemon, 600)
        start_rss = median_rss(port, daemon, first)
        start_cpu = cpu_seconds(daemon.pid)
        last = wait_for_syncs(port, first + polls, daemon, 60 + polls * 30)
        end_cpu = cpu_seconds(daemon.pid)
        end_rss = median_rss(port, daemon, last)
        seconds = time.monotonic() - started
    finally:
        daemon.send_signal(signal.SIGTERM)
        daemon.wait(timeout=120)
        log.close()
        sim.stop()
    applies = 0
    with open(os.path.join(folder, "run.log")) as lines:
        for line in lines:
            try:
                entry = json.loads(line)
            except ValueError:
                continue
            if entry.get("verb") == "apply":
                applies += 1
    if applies:
        sys.exit(f"{applies} kubectl apply call(s) during a soak with nothing changing")
    return {
        "size": size,
        "polls": int(last - first),
        "start_rss_kib": start_rss,
        "end_rss_kib": end_rss,
        "growth_kib": end_rss - start_rss,
        "per_poll_kib": (end_rss - start_rss) / max(1, last - first),
        "cpu_ms_per_poll": (end_cpu - start_cpu) * 1000 / max(1, last - first),
        "seconds": seconds,
    }


def main():
    work, polls, sizes = sys.argv[1], int(sys.argv[2]), [int(size) for size in sys.argv[3:]]
    results = [soak(size, polls, work) for size in sizes]
    json.dump({"poll_ms": POLL_MS, "warmup": WARMUP, "results": results}, sys.stdout, indent=2)


if __name__ == "__main__":
    main()
