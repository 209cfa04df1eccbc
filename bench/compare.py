#!/usr/bin/env python3
"""bench/compare.py BEFORE/jmh.json AFTER/jmh.json: go4j's rows of two runs of bench/run.sh side by side.

Prints a markdown table: per row, the mean and the range of the fork means before and after, and after/before.
"""
import json, sys
def load(p):
    out = {}
    for r in json.load(open(p)):
        name = r["benchmark"].split(".")[-2] + "." + r["benchmark"].split(".")[-1]
        if r.get("params"):
            name += "(" + ",".join(f"{k}={v}" for k, v in sorted(r["params"].items())) + ")"
        forks = [sum(f) / len(f) for f in r["primaryMetric"]["rawData"]]
        out[name] = (r["primaryMetric"]["score"], min(forks), max(forks))
    return out
b, a = load(sys.argv[1]), load(sys.argv[2])
fmt = lambda x: f"{x:,.1f}"
print("| row | before, mean (fork min–max) | after | after/before |")
print("|---|---:|---:|---:|")
for k in sorted(set(b) & set(a)):
    if ".go4j" not in k:
        continue
    (sb, lb, hb), (sa, la, ha) = b[k], a[k]
    print(f"| {k} | {fmt(sb)} ({fmt(lb)}–{fmt(hb)}) | {fmt(sa)} ({fmt(la)}–{fmt(ha)}) | {sa / sb:.2f}× |")
