#!/usr/bin/env python3
"""Measures how much CPU *other* processes take while the benchmarks run.

  cpu_monitor.py monitor ROOT_PID OUT.json     sample until ROOT_PID exits or SIGTERM, rewriting OUT.json
  cpu_monitor.py wait ROOT_PID MAX_SECONDS     return once a 10 s window has < 10% foreign load (exit 0),
                                               or after MAX_SECONDS (exit 1)

Every second it compares the machine's busy time (/proc/stat) with the CPU time of ROOT_PID and
its descendants (utime+stime, plus cutime+cstime so that reaped children stay counted); the difference is
foreign load. It stops when ROOT_PID exits or on SIGTERM, and writes a summary (mean and max of the foreign
share of the whole machine, steal time, and the per-second timeline [unix time, foreign share, steal share])
to OUT.json. A 2-core machine shared with, say, a test suite gives meaningless ratios: bench/run.sh records
this so that the report can say how quiet the machine was during each measurement.
"""
import json
import os
import signal
import sys
import time

HZ = os.sysconf("SC_CLK_TCK")
NCPU = os.cpu_count()


def machine():
    with open("/proc/stat") as f:
        v = [int(x) for x in f.readline().split()[1:]]
    user, nice, system, idle, iowait, irq, softirq, steal = (v + [0] * 8)[:8]
    return user + nice + system + irq + softirq, steal


def tree_cpu(root):
    procs = {}
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open(f"/proc/{d}/stat") as f:
                s = f.read()
        except OSError:
            continue
        rest = s[s.rindex(")") + 2:].split()
        ppid = int(rest[1])
        t = sum(int(x) for x in rest[11:15])  # utime stime cutime cstime
        procs[int(d)] = (ppid, t)
    total, seen, todo = 0, set(), [root]
    children = {}
    for pid, (ppid, _) in procs.items():
        children.setdefault(ppid, []).append(pid)
    while todo:
        p = todo.pop()
        if p in seen or p not in procs:
            continue
        seen.add(p)
        total += procs[p][1]
        todo.extend(children.get(p, []))
    return total


class Sampler:
    def __init__(self, root):
        self.root = root
        self.busy, self.steal = machine()
        self.ours = tree_cpu(root)
        self.t = time.time()

    def sample(self):
        """[now, foreign share, steal share] since the last sample."""
        busy, steal = machine()
        ours = tree_cpu(self.root)
        t = time.time()
        cap = NCPU * (t - self.t) * HZ
        foreign = max(0.0, (busy - self.busy) - (ours - self.ours)) / cap
        row = [round(t, 2), round(min(foreign, 1.0), 3), round((steal - self.steal) / cap, 3)]
        self.busy, self.steal, self.ours, self.t = busy, steal, ours, t
        return row


def monitor(root, out):
    stop = []
    signal.signal(signal.SIGTERM, lambda *_: stop.append(1))
    start = time.time()
    sampler = Sampler(root)
    timeline = []
    if os.path.exists(out):  # run.sh --resume: go on with the same file
        with open(out) as f:
            timeline = json.load(f)["timeline"]
        start -= json.load(open(out)).get("seconds", 0)
    while not stop and os.path.exists(f"/proc/{root}"):
        time.sleep(1.0)
        timeline.append(sampler.sample())
        write(out, start, timeline)  # every second, so that run.sh can read it while the run goes on


def write(out, start, timeline):
    shares = [x[1] for x in timeline] or [0.0]
    steals = [x[2] for x in timeline] or [0.0]
    summary = {
        "ncpu": NCPU,
        "seconds": round(time.time() - start),
        "foreign_mean": round(sum(shares) / len(shares), 3),
        "foreign_max": round(max(shares), 3),
        "seconds_over_10pct": sum(1 for s in shares if s > 0.10),
        "steal_mean": round(sum(steals) / len(steals), 3),
        "timeline": timeline,
    }
    with open(out + ".tmp", "w") as f:
        json.dump(summary, f)
    os.replace(out + ".tmp", out)


def wait(root, max_seconds):
    deadline = time.time() + max_seconds
    while True:
        sampler = Sampler(root)
        time.sleep(10)
        share = sampler.sample()[1]
        if share < 0.10:
            return 0
        if time.time() > deadline:
            print(f"cpu_monitor: other processes still use {share:.0%} of the machine; going ahead", file=sys.stderr)
            return 1
        print(f"cpu_monitor: other processes use {share:.0%} of the machine; waiting", file=sys.stderr)


if __name__ == "__main__":
    if sys.argv[1] == "monitor":
        monitor(int(sys.argv[2]), sys.argv[3])
    elif sys.argv[1] == "wait":
        sys.exit(wait(int(sys.argv[2]), float(sys.argv[3])))
    else:
        sys.exit(__doc__)
