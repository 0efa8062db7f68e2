#!/usr/bin/env python3
"""Writes the hostile inputs of tracker issue 20 from a corpus log and measures the CLI on each (peak RSS, time, exit).

Usage: hostile-inputs.py OUT_DIR [--measure] [--cli DIR]   (run from the repository root, after `dotnet build src/SparkOptimizer.Cli`;
--cli measures the spark-optimizer.dll in DIR instead, e.g. a copy of the build before a change)
Every run is capped at 4 GiB of address space with prlimit so that a regression cannot take the machine down.
The figures it prints are the ones in docs/hardening.md.
"""
import json
import os
import subprocess
import sys
import time
import zipfile

CORPUS = "tests/corpus/mcp-apache-spark-history-server/events/eventlog_v2_spark-110be3a8424d4a2789cb88134418217b/events_1_spark-110be3a8424d4a2789cb88134418217b"
CLI_DIR = sys.argv[sys.argv.index("--cli") + 1] if "--cli" in sys.argv else "src/SparkOptimizer.Cli/bin/Debug/net10.0"
CLI = ["dotnet", os.path.join(CLI_DIR, "spark-optimizer.dll")]
CAP = 4 * 1024 * 1024 * 1024


def events():
    with open(CORPUS, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def write(path, evs):
    with open(path, "w", encoding="utf-8") as f:
        for e in evs:
            f.write(json.dumps(e) + "\n")
    return path


def edited(out, name, edit):
    evs = events()
    for e in evs:
        edit(e)
    return write(os.path.join(out, name), evs)


def huge_cores(e):
    if e["Event"] == "SparkListenerExecutorAdded":
        e["Executor Info"]["Total Cores"] = 2147483647


def huge_max_executors(e):
    if e["Event"] == "SparkListenerEnvironmentUpdate":
        e["Spark Properties"]["spark.dynamicAllocation.enabled"] = "true"
        e["Spark Properties"]["spark.dynamicAllocation.maxExecutors"] = "2000000000"


def max_finish(e):
    if e["Event"] == "SparkListenerApplicationEnd":
        e["Timestamp"] = 9223372036854775807
    if e["Event"] == "SparkListenerTaskEnd":
        e["Task Info"]["Finish Time"] = 9223372036854775807


def make(out):
    os.makedirs(out, exist_ok=True)
    inputs = {
        "cores-2147483647.json": edited(out, "cores-2147483647.json", huge_cores),
        "max-executors-2e9.json": edited(out, "max-executors-2e9.json", huge_max_executors),
        "finish-int64-max.json": edited(out, "finish-int64-max.json", max_finish),
    }
    evs = events()
    doubled = []
    for e in evs:
        doubled.append(e)
        if e["Event"] == "SparkListenerTaskEnd":
            doubled.append(e)
    inputs["task-ends-twice.json"] = write(os.path.join(out, "task-ends-twice.json"), doubled)
    for n in (2500, 5000, 10000):
        path = os.path.join(out, f"zip-{n}-entries.zip")
        with zipfile.ZipFile(path, "w") as z:
            z.writestr("eventlog", open(CORPUS, "rb").read())
            for i in range(n - 1):  # n entries in all, the log among them
                z.writestr(f"pad/{i}.txt", "x")
        inputs[f"zip-{n}-entries.zip"] = path
    fifo_dir = os.path.join(out, "folder-with-fifo")
    os.makedirs(fifo_dir, exist_ok=True)
    write(os.path.join(fifo_dir, "good.json"), evs)
    for special, target in (("fifo", None), ("urandom", "/dev/urandom"), ("dangling", "/nonexistent/x"), ("loop", "loop")):
        p = os.path.join(fifo_dir, special)
        if os.path.lexists(p):
            continue
        if target is None:
            os.mkfifo(p)
        else:
            os.symlink(target, p)
    inputs["folder: good log + fifo + /dev/urandom link + dangling + self-loop"] = fifo_dir
    oom = os.path.join(out, "oom-100MB.log")
    if not os.path.exists(oom):
        line = "24/01/01 00:00:01 ERROR Executor: java.lang.OutOfMemoryError: Java heap space\n"
        with open(oom, "w") as f:
            for _ in range((100 * 1024 * 1024) // len(line)):
                f.write(line)
    inputs["logs: 100 MB of OOM lines"] = oom
    oneline = os.path.join(out, "one-line-1.1GB.log")
    if not os.path.exists(oneline):
        with open(oneline, "wb") as f:
            block = b"x" * (1024 * 1024)
            for _ in range(1126):
                f.write(block)
    inputs["logs: 1.1 GB line without a newline"] = oneline
    return inputs


def measure(label, args):
    started = time.monotonic()
    proc = subprocess.run(["prlimit", f"--as={CAP}", "/usr/bin/time", "-f", "%M", *CLI, *args],
                          capture_output=True, text=True, timeout=600)
    elapsed = time.monotonic() - started
    rss_kb = int(proc.stderr.strip().splitlines()[-1]) if proc.stderr.strip().splitlines()[-1].isdigit() else -1
    first = next((l for l in proc.stderr.splitlines() if l.strip() and not l.strip().isdigit()), "")
    print(f"| {label} | {rss_kb / 1024:.0f} MB | {elapsed:.1f} s | {proc.returncode} | {first[:140]} |", flush=True)


def main():
    out = sys.argv[1]
    inputs = make(out)
    if "--measure" not in sys.argv:
        return
    print("| input | peak RSS | time | exit | first line on stderr |")
    print("|---|---|---|---|---|")
    for label, path in inputs.items():
        if label.startswith("logs:"):
            measure(label, ["logs", path])
        else:
            measure(f"analyze {label}", ["analyze", path, "--format", "json"])
    measure("whatif --executors 2000000000", ["whatif", CORPUS, "--executors", "2000000000"])
    measure("whatif --set spark.executor.cores=2000000000", ["whatif", CORPUS, "--set", "spark.executor.cores=2000000000"])


if __name__ == "__main__":
    main()
