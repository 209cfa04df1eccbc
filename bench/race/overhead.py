"""Prints bench/race/overhead.sh's table from the files of one run (its directory as argument)."""
import json, re, statistics, sys

out = sys.argv[1]
PAIRS = [("Mutex, uncontended", "MutexBench.go4j_uncontended", "MutexUncontended"),
         ("Mutex, 4 goroutines", "MutexBench.go4j_contended4", "MutexContended4"),
         ("pipeline (4 stages)", "PipelineBench.go4j_pipeline", "Pipeline")]


def rss(path):
    kb, _ = open(path).read().split()[-2:]
    return int(kb) / 1024


def jmh(name, mode):
    return json.load(open(f"{out}/{name}.{mode}.json"))[0]["primaryMetric"]["score"]


def go(name, mode):
    runs = [float(m) for m in re.findall(r"\s([\d.]+) ns/op", open(f"{out}/go.{name}.{mode}.log").read())]
    return statistics.mean(runs)


print("| scenario | | time plain | time race | ratio | RSS plain | RSS race | ratio |")
print("|---|---|---:|---:|---:|---:|---:|---:|")
for label, j, g in PAIRS:
    for who, t, m in (("go4j + go4j-race", lambda mode: jmh(j, mode), lambda mode: rss(f"{out}/{j}.{mode}.time")),
                      ("Go + -race", lambda mode: go(g, mode), lambda mode: rss(f"{out}/go.{g}.{mode}.time"))):
        try:
            tp, tr, mp, mr = t("plain"), t("race"), m("plain"), m("race")
        except (OSError, ValueError, KeyError, IndexError, statistics.StatisticsError) as e:
            print(f"| {label} | {who} | n/a ({e.__class__.__name__}) | | | | | |")
            continue
        print(f"| {label} | {who} | {tp:,.1f} ns | {tr:,.1f} ns | {tr / tp:.1f}× | {mp:,.0f} MB | {mr:,.0f} MB | {mr / mp:.1f}× |")
