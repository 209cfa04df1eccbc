#!/usr/bin/env bash
# go4j-race's overhead against Go's -race (issue 15), in one sitting: go4j-bench's pipeline and Mutex
# benchmarks under JMH without and with the agent (the benchmark's package checked, go4j modelled), and
# the same scenarios in Go (bench/race/go) without and with -race; each pair back to back. Time per
# operation from JMH / go test, peak memory (max RSS of the process tree) from /usr/bin/time.
#
#   bench/race/overhead.sh            writes bench/results/race-<stamp>/ and prints the table
#
# Environment: WI=3 I=3 R=1s  JMH warm-up and measured iterations (Go: I runs of -benchtime R)
set -euo pipefail
cd "$(dirname "$0")/../.."
WI=${WI:-3}; I=${I:-3}; R=${R:-1s}
OUT=bench/results/race-$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$OUT"
export GOFLAGS=-mod=mod GOTOOLCHAIN=local

mvn -o -B -q -pl go4j-race -am package -DskipTests
AGENT=$(pwd)/go4j-race/target/go4j-race-0.1.0-SNAPSHOT.jar
# The benchmark's class path and the toolchain's java (JDK >= 21), as go4j-bench's exec:exec sees them.
mvn -o -B -q -pl go4j-bench -am compile exec:exec -Dbench.main=-XshowSettings:properties -Djmh.args=-version \
  > "$OUT/settings.txt" 2>&1
read -r JAVA CP < <(python3 - "$OUT/settings.txt" <<'PY'
import sys
props, key = {}, None
for line in open(sys.argv[1]):
    s = line.strip()
    if ' = ' in s:
        key, v = s.split(' = ', 1); props[key] = [v]
    elif key and s:
        props[key].append(s)
    else:
        key = None
print(props['java.home'][0] + '/bin/java', ':'.join(props['java.class.path']))
PY
)
(cd bench/race/go && go test -c -o "../../../$OUT/go.plain" . && go test -race -c -o "../../../$OUT/go.race" .)

for b in MutexBench.go4j_uncontended MutexBench.go4j_contended4 PipelineBench.go4j_pipeline; do
  for mode in plain race; do
    extra=()
    [ $mode = plain ] || extra=(-jvmArgsAppend "-javaagent:$AGENT -Dgo4j.race.include=dev.go4j.bench.")
    echo "== JMH $b ($mode)" >&2
    /usr/bin/time -f '%M %e' -o "$OUT/$b.$mode.time" "$JAVA" -Djmh.ignoreLock=true -cp "$CP" org.openjdk.jmh.Main "$b\$" \
      -f 1 -wi "$WI" -i "$I" -w "$R" -r "$R" "${extra[@]}" -rf json -rff "$OUT/$b.$mode.json" > "$OUT/$b.$mode.log" 2>&1 || echo "   failed: see $OUT/$b.$mode.log" >&2
  done
done
for b in MutexUncontended MutexContended4 Pipeline; do
  for mode in plain race; do
    echo "== go test -bench $b ($mode)" >&2
    /usr/bin/time -f '%M %e' -o "$OUT/go.$b.$mode.time" "$OUT/go.$mode" -test.run '^$' -test.bench "^Benchmark$b\$" \
      -test.benchtime "$R" -test.count "$I" > "$OUT/go.$b.$mode.log" 2>&1 || echo "   failed: see $OUT/go.$b.$mode.log" >&2
  done
done
python3 bench/race/overhead.py "$OUT" | tee "$OUT/table.md"
