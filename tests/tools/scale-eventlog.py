#!/usr/bin/env python3
# Copied from the project's shared tools folder (shared/tools/scale-eventlog.py) so that the benchmark inputs can be made from the repository alone.
"""Make a large, realistic Spark event log from a real one, for benchmarks.

  scale-eventlog.py INPUT OUTPUT --copies N
  scale-eventlog.py INPUT OUTPUT --target-mb 1024

INPUT is an uncompressed event log file. The jobs, stages, tasks and SQL executions between the
application's start and end are repeated N times, one copy after the other in time, with job, stage,
task, RDD and SQL execution ids renumbered so that every copy is distinct. Everything else (log start,
environment, executors, block managers) is written once. The result is a valid event log of one longer
application whose totals are N times the input's; the last line printed gives those totals' factor.
Standard library only.
"""
import argparse, json, os, sys

TIME_KEYS = {"Submission Time", "Completion Time", "Launch Time", "Finish Time", "Getting Result Time", "time", "Timestamp"}
REPEATED = ("SparkListenerJob", "SparkListenerStage", "SparkListenerTask", "SparkListenerSpeculativeTask",
            "org.apache.spark.sql.execution.ui.", "SparkListenerUnpersistRDD")


def walk(node, fn):
    if isinstance(node, dict):
        return {k: fn(k, walk(v, fn)) for k, v in node.items()}
    if isinstance(node, list):
        return [walk(v, fn) for v in node]
    return node


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("input"); ap.add_argument("output")
    g = ap.add_mutually_exclusive_group(required=True)
    g.add_argument("--copies", type=int); g.add_argument("--target-mb", type=float)
    a = ap.parse_args()

    head, body, tail = [], [], []
    start = end = None
    max_job = max_stage = max_task = max_rdd = max_sql = 0
    with open(a.input, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            e = json.loads(line)
            ev = e.get("Event", "")
            if ev == "SparkListenerApplicationStart":
                start = e.get("Timestamp")
            if ev == "SparkListenerApplicationEnd":
                end = e.get("Timestamp"); tail.append(e); continue
            if ev.startswith(REPEATED):
                body.append(e)
            elif body:
                tail.append(e)
            else:
                head.append(e)

            def seen(k, v):
                nonlocal max_job, max_stage, max_task, max_rdd, max_sql
                if isinstance(v, int):
                    if k == "Job ID": max_job = max(max_job, v)
                    elif k == "Stage ID": max_stage = max(max_stage, v)
                    elif k == "Task ID": max_task = max(max_task, v)
                    elif k == "RDD ID": max_rdd = max(max_rdd, v)
                    elif k == "executionId": max_sql = max(max_sql, v)
                return v
            walk(e, seen)
    if start is None or end is None:
        sys.exit("input needs SparkListenerApplicationStart and SparkListenerApplicationEnd")
    span = max(end - start, 1)
    size = os.path.getsize(a.input)
    copies = a.copies or max(1, int(a.target_mb * 1024 * 1024 / max(size, 1)))

    def shifted(e, k):
        def fix(key, v):
            if not isinstance(v, int) or isinstance(v, bool):
                if key in ("Stage IDs", "Parent IDs") and isinstance(v, list):
                    off = (max_stage + 1) * k if key == "Stage IDs" else None
                    return [x + off for x in v] if off is not None else v
                return v
            if key in TIME_KEYS and v > 0: return v + span * k
            if key == "Job ID": return v + (max_job + 1) * k
            if key == "Stage ID": return v + (max_stage + 1) * k
            if key == "Task ID": return v + (max_task + 1) * k
            if key == "RDD ID": return v + (max_rdd + 1) * k
            if key == "executionId": return v + (max_sql + 1) * k
            return v
        out = walk(e, fix)
        # Parent IDs are stage ids inside a Stage Info, RDD ids inside an RDD Info
        def parents(node, in_rdd=False):
            if isinstance(node, dict):
                for kk, vv in node.items():
                    if kk == "Parent IDs" and isinstance(vv, list):
                        node[kk] = [x + ((max_rdd + 1) if in_rdd else (max_stage + 1)) * k for x in vv]
                    else:
                        parents(vv, in_rdd or kk == "RDD Info")
            elif isinstance(node, list):
                for vv in node: parents(vv, in_rdd)
        parents(out)
        return out

    with open(a.output, "w", encoding="utf-8") as o:
        for e in head: o.write(json.dumps(e, separators=(",", ":")) + "\n")
        for k in range(copies):
            for e in body: o.write(json.dumps(shifted(e, k) if k else e, separators=(",", ":")) + "\n")
        for e in tail:
            o.write(json.dumps(walk(e, lambda key, v: v + span * (copies - 1) if key in TIME_KEYS and isinstance(v, int) and v > 0 else v), separators=(",", ":")) + "\n")
    print(f"copies={copies} bytes={os.path.getsize(a.output)}")


if __name__ == "__main__":
    main()
