#!/usr/bin/env bash
# Runs go4j's benchmarks side by side: JMH (go4j, Jox, the JDK's queues; all on virtual threads) and the
# same scenarios in Go, in one sitting, then writes the tables into docs/benchmarks.md.
#
#   bench/run.sh                    everything (~10 min on an idle 2-core machine); rewrites the generated
#                                   part of docs/benchmarks.md and bench/baseline/
#   bench/run.sh --only go4j        only go4j's JMH rows; prints a table against bench/baseline/ (Go, Jox, JDK
#                                   from the last full run), writes bench/results/latest.md; docs untouched
#   bench/run.sh --only jox|jdk|java|go      likewise, only those rows (java = all JMH rows, go = only Go)
#   bench/run.sh --include REGEX    only the JMH benchmarks matching REGEX (e.g. 'SelectBench.go4j'), no Go
#   bench/run.sh --resume DIR       go on with an interrupted run in DIR (bench/results/<stamp>): retry
#                                   pass and report only (pass --only/--include as for the original run)
#
# Environment: WI=3 I=5 W=1s R=2s  iterations (JMH and Go alike), e.g. WI=1 I=2 R=1s bench/run.sh --only go4j
#   F=1               JMH forks per benchmark (Go has none), e.g. F=3 bench/run.sh --include pingpong
#   GOMAXPROCS=nproc  as the JDK's virtual-thread scheduler's parallelism
#   WAIT_IDLE=30      minutes to wait, before starting and before each retry, until other processes use
#                     < 10% of the CPUs for 10 s (0 = don't wait)
#   RETRIES=2         rounds of remeasuring what other processes disturbed (> 10% of the CPUs during the
#   RETRY_MINUTES=30  measurement, by bench/cpu_monitor.py), within this many minutes; the less disturbed
#                     of two measurements is kept, and any left disturbed is marked in the report
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)
ARGS="$*"
ONLY=all
INCLUDE=
RESUME=
while [ $# -gt 0 ]; do
  case "$1" in
    --only) ONLY=$2; shift 2 ;;
    --include) INCLUDE=$2; ONLY=include; shift 2 ;;
    --resume) RESUME=$2; shift 2 ;;
    -h|--help) sed -n '2,21p' "$0"; exit 0 ;;
    *) echo "run.sh: unknown argument $1 (try --help)" >&2; exit 2 ;;
  esac
done

case "$ONLY" in
  all)     JMH_INCLUDE=;         RUN_JMH=1; RUN_GO=1 ;;
  java)    JMH_INCLUDE=;         RUN_JMH=1; RUN_GO=0 ;;
  go4j)    JMH_INCLUDE=go4j_;    RUN_JMH=1; RUN_GO=0 ;;   # methods are named <impl>_<scenario>
  jox)     JMH_INCLUDE=jox_;     RUN_JMH=1; RUN_GO=0 ;;
  jdk)     JMH_INCLUDE=jdk;      RUN_JMH=1; RUN_GO=0 ;;
  go)      JMH_INCLUDE=;         RUN_JMH=0; RUN_GO=1 ;;
  include) JMH_INCLUDE=$INCLUDE; RUN_JMH=1; RUN_GO=0 ;;
  *) echo "run.sh: --only takes go4j, jox, jdk, java or go" >&2; exit 2 ;;
esac

WI=${WI:-3}; I=${I:-5}; W=${W:-1s}; R=${R:-2s}; F=${F:-1}
WAIT_IDLE=${WAIT_IDLE:-30}; RETRIES=${RETRIES:-2}; RETRY_MINUTES=${RETRY_MINUTES:-30}
export GOMAXPROCS=${GOMAXPROCS:-$(nproc)}
export GOFLAGS=-mod=mod GOTOOLCHAIN=local   # never download anything

if [ -n "$RESUME" ]; then
  OUT=${RESUME%/}
  [ -d "$OUT" ] || { echo "run.sh: no $OUT" >&2; exit 2; }
else
  OUT=bench/results/$(date -u +%Y%m%dT%H%M%SZ)
  mkdir -p "$OUT"
fi
phase() { echo "$1 $(date +%s)" >> "$OUT/phases"; }
wait_idle() {
  [ "$WAIT_IDLE" = 0 ] || python3 bench/cpu_monitor.py wait $$ $((WAIT_IDLE * 60)) || true
}

SETTINGS_ARGS="-f $F -wi $WI -i $I -w $W -r $R"
JMH_ARGS="$JMH_INCLUDE $SETTINGS_ARGS -rf json -rff $ROOT/$OUT/jmh.json"
# compile (not package) so that the reactor hands go4j/target/classes to the bench and the toolchain
# (JDK >= 21) chosen by select-jdk-toolchain in this same invocation runs exec:exec's java.
JMH_CMD="mvn -B -ntp -q -pl go4j-bench -am compile exec:exec -Djmh.args=\"$JMH_ARGS\""
GO_CMD="GOMAXPROCS=$GOMAXPROCS bench/go/go-bench -wi $WI -i $I -w $W -r $R"

# run_jmh "JMH ARGS": runs JMH through Maven; appends to jmh.log and to jmh.marks (the unix time of each
# benchmark's start and result lines, to attribute the CPU monitor's samples to measurements)
run_jmh() {
  mvn -B -ntp -q -pl go4j-bench -am compile exec:exec -Djmh.args="$1" 2>&1 | tee -a "$OUT/jmh.log" |
    while IFS= read -r line; do
      printf '%s\n' "$line"
      case "$line" in
        "# Benchmark: "*|"# Parameters: "*|"Result "*) echo "$(date +%s.%N) $line" >> "$OUT/jmh.marks" ;;
      esac
    done
}
# annotate FILE: store the foreign load of each measurement of FILE in it (once the monitor has caught up)
annotate() { sleep 2; python3 bench/disturbed.py annotate "$1"; }

if [ "$RUN_GO" = 1 ] && ! command -v go >/dev/null 2>&1; then
  echo "== installing golang-go (Debian package)" >&2
  SUDO=; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y golang-go
fi
[ "$RUN_GO" = 0 ] || (cd bench/go && go build -o go-bench .)

if [ -z "$RESUME" ]; then
  echo "== waiting for an idle machine (at most $WAIT_IDLE min)" >&2
  wait_idle
fi
if [ -n "$RESUME" ]; then   # measurements of the interrupted run that were not annotated yet
  for f in "$OUT/jmh.json" "$OUT/go.json"; do [ ! -s "$f" ] || python3 bench/disturbed.py annotate "$f"; done
fi
python3 bench/cpu_monitor.py monitor $$ "$OUT/cpu.json" &
MONITOR=$!
trap 'kill $MONITOR 2>/dev/null || true' EXIT

if [ -z "$RESUME" ] && [ "$RUN_JMH" = 1 ]; then
  echo "== JMH: $JMH_CMD" >&2
  phase jmh_start
  run_jmh "$JMH_ARGS"
  phase jmh_end
  [ -s "$OUT/jmh.json" ] || { echo "run.sh: JMH wrote no results (see $OUT/jmh.log)" >&2; exit 1; }
  if grep -q '<failure>' "$OUT/jmh.log"; then
    echo "run.sh: WARNING: some benchmarks failed; their cells will read n/a (see $OUT/jmh.log)" >&2
  fi
  annotate "$OUT/jmh.json"
fi

if [ -z "$RESUME" ] && [ "$RUN_GO" = 1 ]; then
  echo "== Go: $GO_CMD" >&2
  phase go_start
  bench/go/go-bench -wi "$WI" -i "$I" -w "$W" -r "$R" | tee "$OUT/go.json"
  phase go_end
  annotate "$OUT/go.json"
fi

# Retry pass: remeasure, after waiting for an idle machine, whatever ran while other processes took more
# than 10% of the CPUs; keep the less disturbed of the two measurements.
phase retry_start
DEADLINE=$((SECONDS + RETRY_MINUTES * 60))
for round in $(seq 1 "$RETRIES"); do
  python3 bench/disturbed.py list "$OUT" > "$OUT/disturbed.txt"
  [ -s "$OUT/disturbed.txt" ] || break
  echo "== retry round $round: $(wc -l < "$OUT/disturbed.txt") disturbed measurement(s)" >&2
  while read -r kind what; do
    [ $SECONDS -lt $DEADLINE ] || { echo "== retry: out of time (RETRY_MINUTES=$RETRY_MINUTES)" >&2; break 2; }
    wait_idle
    echo "== retry: $kind $what" >&2
    echo "$kind $what" >> "$OUT/retried"
    if [ "$kind" = jmh ]; then
      rm -f "$OUT/retry.json"
      run_jmh "$what $SETTINGS_ARGS -rf json -rff $ROOT/$OUT/retry.json" < /dev/null
      [ -s "$OUT/retry.json" ] && annotate "$OUT/retry.json" && python3 bench/disturbed.py merge "$OUT" "$OUT/retry.json"
    else
      bench/go/go-bench -wi "$WI" -i "$I" -w "$W" -r "$R" -run "$what" < /dev/null | tee "$OUT/retry-go.json"
      annotate "$OUT/retry-go.json"
      python3 bench/disturbed.py merge "$OUT" "$OUT/retry-go.json"
    fi
  done < "$OUT/disturbed.txt"
done
phase retry_end
kill $MONITOR 2>/dev/null || true
wait $MONITOR 2>/dev/null || true

CMD="bench/run.sh${ARGS:+ $ARGS}"
[ "$F $WI $I $W $R" = "1 3 5 1s 2s" ] || CMD="F=$F WI=$WI I=$I W=$W R=$R $CMD"
CMD="$CMD" JMH_CMD="$JMH_CMD" GO_CMD="$GO_CMD" OUT="$OUT" \
SETTINGS="JMH -f $F -wi $WI -i $I -w $W -r $R (mode avgt); Go the same: $WI warmup + $I measured iterations of $W / $R" \
python3 - <<'PY'
import json, os, platform, subprocess, datetime
out = os.environ["OUT"]
def sh(c):
    try:
        return subprocess.run(c, shell=True, capture_output=True, text=True).stdout.strip()
    except Exception:
        return "?"
path = os.path.join(out, "meta.json")
old = json.load(open(path)) if os.path.exists(path) else {}
phases = {}
if os.path.exists(os.path.join(out, "phases")):
    for line in open(os.path.join(out, "phases")):
        k, t = line.split()
        phases.setdefault(k, int(t))   # the first of each (a resumed run appends retry_* again)
        if k.endswith("_end"):
            phases[k] = int(t)
def span(a, b):
    if a in phases and b in phases:
        s = phases[b] - phases[a]
        return f"{s // 60} min {s % 60:02d} s"
    return "n/a"
retried = sum(1 for _ in open(os.path.join(out, "retried"))) if os.path.exists(os.path.join(out, "retried")) else 0
first = min(phases.values()) if phases else None
last = max(phases.values()) if phases else None
meta = {
    "command": old.get("command", os.environ["CMD"]) + ("" if "command" not in old else f"; then {os.environ['CMD']}"),
    "date": datetime.datetime.fromtimestamp(first or 0, datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
            if first else datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
    "nproc": os.cpu_count(),
    "cpu": sh("grep -m1 'model name' /proc/cpuinfo | cut -d: -f2").strip() or platform.processor(),
    "mem": sh("free -h | awk '/Mem:/{print $2}'"),
    "os": sh("uname -sr"),
    "go": sh("go version") if os.path.exists(os.path.join(out, "go.json")) else "not run",
    "gomaxprocs": os.environ.get("GOMAXPROCS"),
    "settings": os.environ["SETTINGS"],
    "jmh_cmd": os.environ["JMH_CMD"] if os.path.exists(os.path.join(out, "jmh.json")) else "not run",
    "go_cmd": os.environ["GO_CMD"] if os.path.exists(os.path.join(out, "go.json")) else "not run",
    "walltime": (f"JMH pass {span('jmh_start', 'jmh_end')}, Go pass {span('go_start', 'go_end')}, "
                 f"retry pass {span('retry_start', 'retry_end')} ({retried} measurement(s) retried, "
                 f"including waits for an idle machine); first to last: "
                 + (f"{(last - first) // 60} min" if phases else "n/a")),
}
j = os.path.join(out, "jmh.json")
if os.path.exists(j):
    e = json.load(open(j))[0]
    meta["jdk"] = f"{e['jdkVersion']} ({e['vmName']} {e['vmVersion']}, {e['jvm']}), JVM args {' '.join(e['jvmArgs'])}"
    meta["jmh"] = e["jmhVersion"]
json.dump(meta, open(path, "w"), indent=1)
PY

if [ "$ONLY" = all ]; then
  mkdir -p bench/baseline
  cp "$OUT/jmh.json" "$OUT/go.json" "$OUT/meta.json" "$OUT/cpu.json" "$OUT/jmh.marks" bench/baseline/
  python3 bench/report.py --jmh "$OUT/jmh.json" --go "$OUT/go.json" --meta "$OUT/meta.json" \
    --docs docs/benchmarks.md --svg docs/benchmarks-ratios.svg --out "$OUT/report.md"
else
  python3 bench/report.py --jmh "$OUT/jmh.json" --go "$OUT/go.json" --meta "$OUT/meta.json" \
    --baseline bench/baseline --svg "$OUT/ratios.svg" --out "$OUT/report.md"
  cp "$OUT/report.md" bench/results/latest.md
  echo "run.sh: partial run; table in bench/results/latest.md (docs/benchmarks.md untouched)" >&2
fi
echo "run.sh: done; results in $OUT" >&2
