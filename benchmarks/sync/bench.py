#!/usr/bin/env python3
"""Sync benchmark driver (run it through run.sh, which builds the release binaries first).

For each size, in rounds that interleave Mooring and its baselines (the machine is shared and its
load drifts, so each round measures everything once and the figures are medians over rounds):
  1. first sync: a fresh KubeSim and state directory, `mooring sync` of the generated folder;
  2. floor: a fresh KubeSim, one bare `kubectl apply --server-side -f all.yaml` of the same objects
     (rendered from the first sync's live objects, server fields stripped);
  3. no-change sync: `mooring sync` again; asserts that it ran no `kubectl apply` at all;
  4. one `kubectl get <kinds> -A -l app.kubernetes.io/managed-by=mooring -o json` of those objects;
  5. changed model: a commit flips model-1's stable version, `mooring sync`; asserts one apply of
     the model's two objects and no dry-run.
Wall time, CPU time (Mooring or kubectl with their children) and KubeSim's CPU time are recorded; the
phases of each sync come from Mooring's JSON log (`-v`), timestamped here as each line arrives.
Usage: bench.py RESULTS_DIR SIZE:ROUNDS ... ; prints a JSON summary on stdout."""
import atexit
import json
import os
import re
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
RELEASE = os.path.join(ROOT, ".build", "release")
KUBECTL = "/usr/bin/kubectl"
KINDS = "namespaces,configmaps,services,deployments.apps,inferenceservices.serving.kserve.io"
SELECTOR = "app.kubernetes.io/managed-by=mooring"
# How long KubeSim's simulated controller takes to make a changed Deployment or InferenceService Ready.
READY_MS = os.environ.get("SYNC_BENCH_READY_MS", "0")
TICKS = os.sysconf("SC_CLK_TCK")
RUNNING = set()


class KubeSim:
    """A release-built kubesim process on a free port, with its own kubeconfig and kubectl cache."""

    def __init__(self, folder):
        os.makedirs(folder, exist_ok=True)
        self.folder = folder
        self.kubeconfig = os.path.join(folder, "kubeconfig")
        self.process = subprocess.Popen(
            [os.path.join(RELEASE, "kubesim"), "--port", "0", "--kubeconfig-out", self.kubeconfig, "--ready-delay-ms", READY_MS],
            stdout=subprocess.PIPE,
            stderr=open(os.path.join(folder, "kubesim.log"), "w"),
            stdin=subprocess.DEVNULL,
        )
        RUNNING.add(self)
        self.port = int(self.process.stdout.readline())

    def cpu(self):
        fields = open(f"/proc/{self.process.pid}/stat").read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / TICKS

    def kubectl(self, *arguments, cache=None):
        return [KUBECTL, "--kubeconfig", self.kubeconfig, "--cache-dir", cache or os.path.join(self.folder, "cache"), *arguments]

    def stop(self):
        RUNNING.discard(self)
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=30)


@atexit.register
def stop_all():
    for sim in list(RUNNING):
        sim.stop()


def timed(argv, sim, log=None, **options):
    """Runs argv to completion: wall seconds, CPU seconds of it and its children, KubeSim's CPU seconds,
    and (with `log`) each stderr line with the seconds since start at which it arrived."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    sim_before = sim.cpu()
    start = time.monotonic()
    lines = []
    if log is None:
        completed = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, **options)
        status, error = completed.returncode, completed.stderr.decode()
    else:
        process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, **options)
        for line in process.stderr:
            lines.append((time.monotonic() - start, line))
        status, error = process.wait(), "".join(line for _, line in lines)
        with open(log, "w") as handle:
            handle.writelines(f"{at:9.3f} {line}" for at, line in lines)
    wall = time.monotonic() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if status != 0:
        sys.exit(f"{' '.join(argv)} exited {status}:\n{error[-3000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"wall": wall, "cpu": cpu, "sim_cpu": sim.cpu() - sim_before, "lines": lines}


def phases(run):
    """Splits a sync's wall time by its JSON log: kubectl calls by verb (count, seconds), the health stage
    (from `waiting for … ready` to the end of the last read after it) and its share spent sleeping."""
    calls = {}
    health_start = None
    health_reads = []
    for at, line in run["lines"]:
        try:
            entry = json.loads(line)
        except ValueError:
            continue
        message = entry.get("message", "")
        if message.startswith("waiting for") and "ready" in message:
            health_start = at
        elif "verb" in entry:
            verb = entry["verb"]
            seconds = int(entry["duration_ms"]) / 1000
            count, total = calls.get(verb, (0, 0.0))
            calls[verb] = (count + 1, total + seconds)
            if health_start is not None and verb == "get":
                health_reads.append((at, seconds, int(entry["objects"])))
    health = sleeping = 0.0
    if health_start is not None and health_reads:
        # The readiness polls read everything the sync applied: the last one also gives the settled versions.
        health = health_reads[-1][0] - health_start
        sleeping = health - sum(seconds for _, seconds, _ in health_reads)
    kubectl = sum(total for _, total in calls.values())
    return {
        "calls": {verb: count for verb, (count, _) in calls.items()},
        "kubectl": kubectl,
        "health": health,
        "sleeping": max(0.0, sleeping),
        "own": run["wall"] - kubectl - max(0.0, sleeping),
    }


def render_floor(sim, cache, path):
    """The live objects Mooring applied, as a manifest kubectl can apply to an empty cluster."""
    listed = subprocess.run(sim.kubectl("get", KINDS, "-A", "-l", SELECTOR, "-o", "json", cache=cache), capture_output=True, check=True)
    items = json.loads(listed.stdout)["items"]
    with open(path, "w") as handle:
        for item in items:
            for key in ("resourceVersion", "uid", "creationTimestamp", "generation", "managedFields"):
                item["metadata"].pop(key, None)
            item.pop("status", None)
            handle.write("---\n" + json.dumps(item) + "\n")
    return len(items)


def git(folder, *arguments):
    subprocess.run(["git", "-C", folder, "-c", "user.name=bench", "-c", "user.email=bench@example.com", *arguments], check=True, capture_output=True)


def mooring_sync(config, sim, log):
    environment = dict(os.environ, MOORING_LOG_FORMAT="json")
    return timed([os.path.join(RELEASE, "mooring"), "sync", "-v", "--config", config], sim, log=log, env=environment)


def expect(condition, message):
    if not condition:
        sys.exit("benchmark assertion failed: " + message)


def one_round(size, work, repo, round_index, floor_file):
    folder = os.path.join(work, f"round-{round_index}")
    shutil.rmtree(folder, ignore_errors=True)
    sim = KubeSim(os.path.join(folder, "sim"))
    state = os.path.join(folder, "state")
    config = os.path.join(folder, "mooring.yaml")
    with open(config, "w") as handle:
        handle.write(
            f"source: {{url: {repo}, branch: main, path: deploy}}\n"
            f"cluster: {{kubeconfig: {sim.kubeconfig}, kubectl: {KUBECTL}}}\n"
            f"health: {{timeout: 300s}}\nstateDir: {state}\n"
        )
    result = {}
    first = mooring_sync(config, sim, os.path.join(folder, "first.log"))
    result["first"] = first | phases(first)
    cache = os.path.join(state, "kube-cache", "default")
    if not os.path.exists(floor_file):
        expect(render_floor(sim, cache, floor_file) == size, f"{size} objects live after the first sync")

    unchanged = mooring_sync(config, sim, os.path.join(folder, "unchanged.log"))
    result["unchanged"] = unchanged | phases(unchanged)
    # Server-side dry-runs are apply calls too: none may run when no live resourceVersion moved.
    expect("apply" not in result["unchanged"]["calls"], "the no-change sync ran kubectl apply")
    result["get"] = timed(sim.kubectl("get", KINDS, "-A", "-l", SELECTOR, "-o", "json", cache=cache), sim)

    generate = os.path.join(os.path.dirname(os.path.abspath(__file__)), "generate.py")
    subprocess.run([sys.executable, generate, "--bump", os.path.join(repo, "deploy")], check=True)
    git(repo, "commit", "-qam", f"bump model-1 (round {round_index})")
    changed = mooring_sync(config, sim, os.path.join(folder, "changed.log"))
    result["changed"] = changed | phases(changed)
    expect(result["changed"]["calls"].get("apply") == 1, "the changed-model sync ran one kubectl apply, no dry-run")
    sim.stop()

    floor_sim = KubeSim(os.path.join(folder, "floor-sim"))
    result["floor"] = timed(floor_sim.kubectl("apply", "--server-side", "-f", floor_file), floor_sim)
    floor_sim.stop()
    for run in result.values():
        run.pop("lines", None)
    return result


def median(values):
    return statistics.median(values)


def main():
    results = os.path.abspath(sys.argv[1])
    summary = {}
    for argument in sys.argv[2:]:
        size, rounds = (int(part) for part in argument.split(":"))
        work = os.path.join(results, str(size))
        shutil.rmtree(work, ignore_errors=True)
        repo = os.path.join(work, "repo")
        generate = os.path.join(os.path.dirname(os.path.abspath(__file__)), "generate.py")
        subprocess.run([sys.executable, generate, str(size), os.path.join(repo, "deploy")], check=True)
        subprocess.run(["git", "init", "-q", "-b", "main", repo], check=True)
        git(repo, "add", "-A")
        git(repo, "commit", "-qm", "generated deploy folder")
        floor_file = os.path.join(work, "all.yaml")
        runs = []
        for index in range(rounds):
            runs.append(one_round(size, work, repo, index, floor_file))
            print(f"{size} objects, round {index + 1}/{rounds}: " + ", ".join(f"{name} {run['wall']:.2f} s" for name, run in runs[-1].items()), file=sys.stderr)
        figures = {}
        for name in runs[0]:
            figures[name] = {key: median([run[name][key] for run in runs]) for key in runs[0][name] if isinstance(runs[0][name][key], float)}
            if "calls" in runs[0][name]:
                figures[name]["calls"] = runs[0][name]["calls"]
        figures["rounds"] = rounds
        summary[size] = figures
        with open(os.path.join(work, "runs.json"), "w") as handle:
            json.dump(runs, handle, indent=1)
    json.dump(summary, sys.stdout, indent=1)


main()
