#!/usr/bin/env python3
"""Live-cache benchmark driver (run it through benchmarks/live-cache.sh, which builds the release binaries first).

For each size: a deploy folder of SIZE objects (benchmarks/sync/generate.py) in a git repository, a release-built
KubeSim process (bookmarks every 60 s, as a real API server sends them), a first `mooring sync`, then:

1. `mooring run` polling every 15 s with nothing changing: once its live cache is in sync, the CPU time of the daemon
   and all its child processes over IDLE_SECONDS, the kubectl calls made meanwhile (must be 0), and the RSS of the
   daemon and of the daemon with its children (RSS and PSS: kubectl's binary pages are shared between its processes);
   then every kubectl the daemon runs is killed (SIGKILL) and the time until its cache is in sync again is taken;
2. `mooring run` polling every 60 s: a `kubectl scale` made by hand → the `drift_healed` event in `/status`
   (median of DRIFT_RUNS), and a push webhook → a new ConfigMap live in the cluster (median of HOOK_RUNS).

Each size runs once per transport in LIVE_CACHE_TRANSPORTS ("proxy kubectl" by default): `proxy` starts KubeSim with
`--anonymous-reads`, so the daemon's one `kubectl proxy` can read (as the kubeconfig's credentials let it on a TLS
cluster); `kubectl` starts it without, so the proxy gets 401 and the cache falls back to one `kubectl get --raw`
watch per kind. The transport the daemon reports in `/status` must be the one asked for.

Usage: bench.py RESULTS_DIR SIZE...; prints a JSON summary on stdout."""
import json
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
RELEASE = os.environ.get("BENCH_BIN_DIR", os.path.join(ROOT, ".build", "release"))
KUBECTL = "/usr/bin/kubectl"
TOKEN = "kubesim-admin-token"
IDLE_SECONDS = int(os.environ.get("IDLE_SECONDS", "120"))
DRIFT_RUNS = int(os.environ.get("DRIFT_RUNS", "7"))
HOOK_RUNS = int(os.environ.get("HOOK_RUNS", "5"))
HOOK_SECRET = "bench-hook-secret"
TRANSPORTS = os.environ.get("LIVE_CACHE_TRANSPORTS", "proxy kubectl").split()


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def git(folder, *arguments):
    subprocess.run(["git", "-C", folder, "-c", "user.name=bench", "-c", "user.email=bench@example.com", *arguments],
                   check=True, capture_output=True)


class KubeSim:
    def __init__(self, folder, anonymous_reads):
        os.makedirs(folder, exist_ok=True)
        self.kubeconfig = os.path.join(folder, "kubeconfig")
        self.process = subprocess.Popen(
            [os.path.join(RELEASE, "kubesim"), "--port", "0", "--kubeconfig-out", self.kubeconfig,
             "--ready-delay-ms", "0", "--bookmark-interval-seconds", "60"]
            + (["--anonymous-reads"] if anonymous_reads else []),
            stdout=subprocess.PIPE, stderr=open(os.path.join(folder, "kubesim.log"), "w"), stdin=subprocess.DEVNULL,
        )
        self.port = int(self.process.stdout.readline())

    def get(self, path):
        request = urllib.request.Request(f"http://127.0.0.1:{self.port}{path}",
                                         headers={"Authorization": f"Bearer {TOKEN}"})
        try:
            with urllib.request.urlopen(request, timeout=10) as answer:
                return answer.status
        except urllib.error.HTTPError as error:
            return error.code

    def stop(self):
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=60)


def descendants(pid):
    """Every live process below `pid` (the children of each of its threads: a child belongs to the thread that
    started it)."""
    direct = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as handle:
                direct += [int(child) for child in handle.read().split()]
    except OSError:
        return []
    children = []
    for child in direct:
        children += [child] + descendants(child)
    return children


def stat_fields(pid):
    with open(f"/proc/{pid}/stat") as stat:
        return stat.read().rsplit(")", 1)[1].split()


def cpu_ticks(pid):
    """CPU time of the daemon and every process it started: its own, its reaped children's, its live descendants'."""
    fields = stat_fields(pid)
    total = sum(int(value) for value in fields[11:15])
    for child in descendants(pid):
        try:
            total += sum(int(value) for value in stat_fields(child)[11:15])
        except OSError:
            pass
    return total


def memory_kib(pid, field):
    try:
        path = f"/proc/{pid}/smaps_rollup" if field == "Pss:" else f"/proc/{pid}/status"
        with open(path) as handle:
            for line in handle:
                if line.startswith(field):
                    return int(line.split()[1])
    except OSError:
        return 0
    return 0


def get(port, path):
    return urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=10).read().decode()


def status(port):
    return json.loads(get(port, "/status"))


def metric(port, pattern):
    text = get(port, "/metrics")
    return sum(float(value) for value in re.findall(pattern + r" (\S+)$", text, re.M))


def wait(what, condition, timeout, process):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit(f"mooring run exited {process.returncode} while waiting for {what}")
        try:
            if condition():
                return
        except OSError:
            pass
        time.sleep(0.02)
    sys.exit(f"timed out waiting for {what}")


def start_daemon(folder, config, name):
    log = open(os.path.join(folder, f"{name}.log"), "w")
    return subprocess.Popen(
        [os.path.join(RELEASE, "mooring"), "run", "--config", config],
        stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
        env=dict(os.environ, MOORING_LOG_FORMAT="json"),
    )


def stop_daemon(daemon):
    daemon.send_signal(signal.SIGTERM)
    daemon.wait(timeout=120)


def write_config(folder, repo, sim, port, poll):
    config = os.path.join(folder, f"mooring-{poll}.yaml")
    secret = os.path.join(folder, "hook-secret")
    with open(secret, "w") as handle:
        handle.write(HOOK_SECRET + "\n")
    with open(config, "w") as handle:
        handle.write(
            f"source: {{url: {repo}, branch: main, path: deploy, pollInterval: {poll}}}\n"
            f"cluster: {{kubeconfig: {sim.kubeconfig}, kubectl: {KUBECTL}}}\n"
            f"health: {{timeout: 300s}}\nserver: {{listen: '127.0.0.1:{port}', webhookSecretFile: {secret}}}\n"
            f"stateDir: {os.path.join(folder, 'state')}\n"
        )
    return config


def live_cache(port):
    return status(port)["targets"][0].get("liveCache") or {}


def in_sync(port):
    return live_cache(port).get("inSync") is True


def reconnect(port, daemon):
    """Kills every kubectl the daemon runs (the proxy, or each watch) and times how long until the cache is in sync
    again, having counted the restart."""
    restarts = live_cache(port).get("restarts", 0)
    started = time.monotonic()
    for child in descendants(daemon.pid):
        try:
            os.kill(child, signal.SIGKILL)
        except OSError:
            pass
    wait("the cache back in sync", lambda: live_cache(port).get("restarts", 0) > restarts and in_sync(port), 120,
         daemon)
    return time.monotonic() - started


def idle(folder, repo, sim, size, transport):
    port = free_port()
    daemon = start_daemon(folder, write_config(folder, repo, sim, port, "15s"), "idle")
    try:
        wait("the first sync and the cache", lambda: in_sync(port) and status(port)["ready"], 600 + size // 20, daemon)
        syncs = metric(port, r'^mooring_sync_total\{[^}]*\}')
        wait("a poll with the cache in sync", lambda: metric(port, r'^mooring_sync_total\{[^}]*\}') > syncs, 60, daemon)
        time.sleep(2)
        calls = metric(port, r'^mooring_kubectl_calls_total\{[^}]*\}')
        polls = metric(port, r'^mooring_sync_total\{[^}]*\}')
        ticks, started = cpu_ticks(daemon.pid), time.monotonic()
        time.sleep(IDLE_SECONDS)
        cpu = (cpu_ticks(daemon.pid) - ticks) / os.sysconf("SC_CLK_TCK") / (time.monotonic() - started)
        polls = metric(port, r'^mooring_sync_total\{[^}]*\}') - polls
        calls = metric(port, r'^mooring_kubectl_calls_total\{[^}]*\}') - calls
        children = descendants(daemon.pid)
        reported = live_cache(port).get("transport")
        if reported != transport:
            sys.exit(f"the live cache uses {reported}, not {transport}")
        result = {
            "idle_cpu_percent": cpu * 100,
            "idle_polls": polls,
            "kubectl_calls_while_idle": calls,
            "watch_processes": len(children),
            "daemon_rss_kib": memory_kib(daemon.pid, "VmRSS:"),
            "all_rss_kib": sum(memory_kib(pid, "VmRSS:") for pid in [daemon.pid] + children),
            "all_pss_kib": sum(memory_kib(pid, "Pss:") for pid in [daemon.pid] + children),
        }
        result["reconnect_seconds"] = reconnect(port, daemon)
    finally:
        stop_daemon(daemon)
    if result["kubectl_calls_while_idle"]:
        sys.exit(f"{result['kubectl_calls_while_idle']} kubectl call(s) during polls with nothing changing")
    return result


def reactions(folder, repo, sim, size):
    port = free_port()
    daemon = start_daemon(folder, write_config(folder, repo, sim, port, "60s"), "reactions")
    environment = dict(os.environ, KUBECONFIG=sim.kubeconfig)
    drift, hooks = [], []
    try:
        wait("the first sync and the cache", lambda: in_sync(port) and status(port)["ready"], 600 + size // 20, daemon)
        healed = lambda: metric(port, r'^mooring_drift_detection_seconds_count\{[^}]*\}')
        for run in range(DRIFT_RUNS):
            before = healed()
            subprocess.run([KUBECTL, "scale", "-n", "ml-2", "deployment/app-2", f"--replicas={5 + run % 2}"],
                           check=True, capture_output=True, env=environment)
            started = time.monotonic()
            wait("the drift event", lambda: healed() > before, 60, daemon)
            drift.append(time.monotonic() - started)
            time.sleep(1)
        for run in range(HOOK_RUNS):
            name = f"hook-{run}"
            with open(os.path.join(repo, "deploy", "cluster", f"{name}.yaml"), "w") as handle:
                handle.write(f"apiVersion: v1\nkind: ConfigMap\nmetadata: {{name: {name}, namespace: ml-0}}\n"
                             "data: {k: v}\n")
            git(repo, "add", "-A")
            git(repo, "commit", "-qm", f"add {name}")
            started = time.monotonic()
            request = urllib.request.Request(f"http://127.0.0.1:{port}/hooks/git", data=b"{}", method="POST",
                                             headers={"X-Gitlab-Token": HOOK_SECRET})
            urllib.request.urlopen(request, timeout=10).read()
            wait("the ConfigMap", lambda: sim.get(f"/api/v1/namespaces/ml-0/configmaps/{name}") == 200, 120, daemon)
            hooks.append(time.monotonic() - started)
            wait("the sync's end", lambda: not status(port)["syncing"], 120, daemon)
    finally:
        stop_daemon(daemon)
    return {
        "drift_seconds": drift,
        "drift_median_seconds": statistics.median(drift),
        "hook_seconds": hooks,
        "hook_median_seconds": statistics.median(hooks),
    }


def bench(size, transport, work):
    folder = os.path.join(work, f"size-{size}-{transport}")
    subprocess.run(["rm", "-rf", folder], check=True)
    repo = os.path.join(folder, "repo")
    os.makedirs(repo)
    git(repo, "init", "-q", "-b", "main")
    subprocess.run([sys.executable, os.path.join(HERE, "..", "sync", "generate.py"), str(size),
                    os.path.join(repo, "deploy")], check=True)
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", f"{size} objects")
    sim = KubeSim(os.path.join(folder, "sim"), anonymous_reads=transport == "proxy")
    try:
        config = write_config(folder, repo, sim, free_port(), "15s")
        subprocess.run([os.path.join(RELEASE, "mooring"), "sync", "--config", config], check=True, capture_output=True)
        result = {"size": size, "transport": transport}
        result.update(idle(folder, repo, sim, size, transport))
        result.update(reactions(folder, repo, sim, size))
    finally:
        sim.stop()
    return result


def main():
    work, sizes = sys.argv[1], [int(size) for size in sys.argv[2:]]
    results = [bench(size, transport, work) for size in sizes for transport in TRANSPORTS]
    json.dump({"idle_seconds": IDLE_SECONDS, "results": results}, sys.stdout, indent=2)


if __name__ == "__main__":
    main()
