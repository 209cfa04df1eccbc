#!/usr/bin/env python3
"""Finds and replaces measurements that other processes disturbed (bench/run.sh's retry pass).

  disturbed.py annotate FILE...        store each measurement's foreign load ("foreignLoad", from the
                                       cpu.json and jmh.marks next to FILE) in FILE, a JMH JSON file or
                                       the Go program's JSON lines; measurements that have one keep it
  disturbed.py list OUTDIR             one line per disturbed measurement of OUTDIR/{jmh,go}.json:
                                       "jmh <JMH include regex> [-p k=v ...]" or "go <go-bench -run regex>"
  disturbed.py merge OUTDIR FILE       for each measurement of FILE (annotated; JMH JSON or Go JSON lines),
                                       keep in OUTDIR/jmh.json or OUTDIR/go.json whichever of the old and
                                       the new one was less disturbed
"""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import report  # noqa: E402


def list_disturbed(out):
    jmh, _ = report.load_jmh(os.path.join(out, "jmh.json"), "fresh")
    for (cls, kind, params, impl), e in sorted(jmh.items()):
        if e.get("load") is not None and e["load"] > report.DISTURBED:
            ps = " ".join(f"-p {k}={v}" for k, v in params)
            # "bench.<Class>.<method>" cannot match another class (e.g. BufferedBench inside UnbufferedBench)
            print(f"jmh bench.{cls}.{impl}_{kind} {ps}".rstrip())
    go = report.load_go(os.path.join(out, "go.json"), "fresh")
    for (scen, param), e in sorted(go.items()):
        if e.get("load") is not None and e["load"] > report.DISTURBED:
            print(f"go ^{scen}/{param}$")


def annotate(path):
    with open(path) as f:
        text = f.read()
    if text.lstrip().startswith("["):
        loads, _ = report.load_jmh(path, "fresh")
        data = json.loads(text)
        for e in data:
            cls, method = e["benchmark"].split(".")[-2:]
            impl, kind = method.split("_", 1)
            key = (cls, kind, tuple(sorted(e.get("params", {}).items())), impl)
            if e.get("foreignLoad") is None:
                e["foreignLoad"] = loads[key]["load"]
        with open(path, "w") as f:
            json.dump(data, f, indent=2)
    else:
        loads = report.load_go(path, "fresh")
        lines = []
        for line in text.splitlines():
            if line.startswith("{"):
                d = json.loads(line)
                if d.get("foreignLoad") is None:
                    d["foreignLoad"] = loads[(d["scenario"], d["param"])]["load"]
                line = json.dumps(d)
            lines.append(line)
        with open(path, "w") as f:
            f.write("\n".join(lines) + "\n")


def better(old, new):
    """The less disturbed of two measurements (unknown counts as disturbed)."""
    lo = old.get("foreignLoad")
    ln = new.get("foreignLoad")
    if ln is None:
        return old
    return new if lo is None or ln < lo else old


def merge(out, new):
    with open(new) as f:
        text = f.read()
    if text.lstrip().startswith("["):  # JMH
        path = os.path.join(out, "jmh.json")
        with open(path) as f:
            old = json.load(f)
        fresh = json.loads(text)
        key = lambda e: (e["benchmark"], tuple(sorted(e.get("params", {}).items())))
        repl = {key(e): e for e in fresh}
        merged = [better(e, repl.pop(key(e))) if key(e) in repl else e for e in old] + list(repl.values())
        with open(path, "w") as f:
            json.dump(merged, f, indent=2)
    else:  # Go JSON lines
        path = os.path.join(out, "go.json")
        fresh = {}
        for line in text.splitlines():
            if line.startswith("{"):
                d = json.loads(line)
                fresh[(d["scenario"], d["param"])] = d
        lines = []
        with open(path) as f:
            for line in f:
                line = line.rstrip("\n")
                if line.startswith("{"):
                    d = json.loads(line)
                    k = (d["scenario"], d["param"])
                    if k in fresh:
                        line = json.dumps(better(d, fresh.pop(k)))
                lines.append(line)
        lines.extend(json.dumps(d) for d in fresh.values())
        with open(path, "w") as f:
            f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    if len(sys.argv) >= 3 and sys.argv[1] == "annotate":
        for path in sys.argv[2:]:
            annotate(path)
    elif len(sys.argv) == 3 and sys.argv[1] == "list":
        list_disturbed(sys.argv[2])
    elif len(sys.argv) == 4 and sys.argv[1] == "merge":
        merge(sys.argv[2], sys.argv[3])
    else:
        sys.exit(__doc__)
