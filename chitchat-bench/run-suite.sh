#!/usr/bin/env bash
# Runs the ChitChat benchmark suite: the server under test pinned to one core (taskset -c $SERVER_CPU, launched by
# the bench as a child JVM), the load client pinned to the other (taskset -c $CLIENT_CPU), loopback only. Each
# benchmark runs once as a warm-up (discarded) and then $RUNS times; docs/benchmark-results.md gets the machine, the
# commands, every run and the median, the targets, JMH results and SVG charts (docs/benchmarks.md is the written
# account of those results: what was changed to reach them and why the missed targets are missed).
#
#   chitchat-bench/run-suite.sh                 # the full suite (about 45 minutes on a quiet 2-core machine)
#   SCALE=quick RUNS=1 chitchat-bench/run-suite.sh   # reduced sizes: validates the instrument in a few minutes
#   ONLY="fanout-saturated bare-saturated" chitchat-bench/run-suite.sh
#
# Environment: RUNS (3), SCALE (full|quick), SERVER_CPU (0), CLIENT_CPU (1), OUT (results directory),
# DOC (docs/benchmark-results.md), ONLY (benchmark ids), JMH (1: run the JMH benchmarks too), NO_BUILD (1: use the jar as is),
# TITLE (heading of the page), WINDOW (32: messages in flight in the saturated runs), CLIENT_JVM (-Xms2g: options
# of the load client's JVM; the server's are the bench's --server-jvm default).
set -uo pipefail

cd "$(dirname "$0")/.."
RUNS=${RUNS:-3}
SCALE=${SCALE:-full}
SERVER_CPU=${SERVER_CPU:-0}
CLIENT_CPU=${CLIENT_CPU:-1}
OUT=${OUT:-chitchat-bench/target/suite-$(date +%Y%m%d-%H%M%S)}
DOC=${DOC:-docs/benchmark-results.md}
ONLY=${ONLY:-}
JMH=${JMH:-1}
TITLE=${TITLE:-ChitChat benchmark results}
WINDOW=${WINDOW:-32}
# the load client's JVM: a heap sized up front, so that it does not grow (full collections) while connections open
read -r -a CLIENT_JVM <<< "${CLIENT_JVM--Xms2g}"
JAR=chitchat-bench/target/chitchat-bench.jar

die() { echo "run-suite: $*" >&2; exit 1; }

command -v taskset >/dev/null || die "taskset is required (util-linux)"
[ "$(nproc --all)" -ge 2 ] || die "needs at least 2 cores (server and client each get one)"
ulimit -n 20000 2>/dev/null || echo "run-suite: warning: could not raise the open-file limit to 20000 (now $(ulimit -n))" >&2
if [ "${NO_BUILD:-0}" != 1 ]; then
  MVN=mvn; [ -x ./mvnw ] && MVN=./mvnw
  $MVN -q -pl chitchat-bench -am package -DskipTests || die "build failed"
fi
[ -f "$JAR" ] || die "$JAR is missing (build with: mvn -pl chitchat-bench -am package -DskipTests)"
mkdir -p "$OUT"

{
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "commit: $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
  echo "kernel: $(uname -srm)"
  lscpu 2>/dev/null | grep -E '^(Model name|CPU\(s\)|Thread|Core|Socket|CPU max MHz|L3)' || true
  echo "governor: $(cat /sys/devices/system/cpu/cpu0/cpufreq/scaling_governor 2>/dev/null || echo n/a)"
  echo "memory: $(grep MemTotal /proc/meminfo | awk '{print $2 " kB"}')"
  echo "java: $(java -version 2>&1 | head -1)"
  echo "open files: $(ulimit -n)"
  echo "pinning: server taskset -c $SERVER_CPU, client taskset -c $CLIENT_CPU; runs per benchmark: $RUNS after 1 warm-up"
  echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
} > "$OUT/machine.txt"
: > "$OUT/commands.tsv"
: > "$OUT/results.txt"

want() { [ -z "$ONLY" ] || [[ " $ONLY " == *" $1 "* ]]; }

# bench ID SCENARIO [options...]: one warm-up run, then $RUNS measured runs
bench() {
  local id=$1; shift
  want "$id" || return 0
  local cmd=(taskset -c "$CLIENT_CPU" java ${CLIENT_JVM[@]+"${CLIENT_JVM[@]}"} -jar "$JAR" "$@" --server-cpus "$SERVER_CPU")
  printf '%s\t%s\n' "$id" "${cmd[*]}" >> "$OUT/commands.tsv"
  echo "== $id: ${cmd[*]}" >&2
  "${cmd[@]}" --quiet --json "$OUT/$id-warmup.json" > /dev/null 2> "$OUT/$id-warmup.log"
  for i in $(seq 1 "$RUNS"); do
    "${cmd[@]}" --quiet --json "$OUT/$id-run$i.json" --html "$OUT/$id-run$i.html" \
        2> "$OUT/$id-run$i.log" | tee -a "$OUT/results.txt"
    local status=${PIPESTATUS[0]}
    [ "$status" = 0 ] || echo "run-suite: $id run $i exited with $status (2 = loss, reordering or leak; see $OUT/$id-run$i.log)" >&2
  done
}

if [ "$SCALE" = quick ]; then
  M=200; WARM=2s; LATWARM=2s; DUR=4s; LAT=5s; MEM=1000; BIG=2000; BIGDUR=5s; PREWARM=200; JS1=200; JS5=1000; PJ=20; PJARGS=(--password-iterations 20000)
  CHURN=(--clients 30 --rooms 5 --duration 5s)
else
  M=1000; WARM=10s; LATWARM=90s; DUR=30s; LAT=60s; MEM=5000; BIG=19000; BIGDUR=30s; PREWARM=2000; JS1=1000; JS5=5000; PJ=200; PJARGS=()
  CHURN=(--clients 200 --rooms 20 --duration 60s)
fi

# closed loop: WINDOW messages in flight; deep enough that both servers saturate their core (the bare server needs
# more in flight than ChitChat to do so: check server_cpu_pct of both in the page)
bench fanout-saturated fanout --members "$M" --senders 1 --rate 0 --window "$WINDOW" --warmup "$WARM" --duration "$DUR"
bench bare-saturated bare --members "$M" --senders 1 --rate 0 --window "$WINDOW" --warmup "$WARM" --duration "$DUR"
# latency at a modest load: the JIT is still compiling 60 s into a run at 100 msg/s, and each C2 compilation
# (40-150 ms) takes the server's only core, so these two warm up for LATWARM (90 s) rather than WARM
bench fanout-latency fanout --members "$M" --senders 1 --rate 100 --warmup "$LATWARM" --duration "$LAT"
# the same workload as raw writes of a prebuilt frame, no WebSocket server: the floor under fanout-latency
bench floor-latency floor --connections "$M" --rate 100 --size 200 --warmup "$LATWARM" --duration "$LAT"
bench connections-memory connections --connections "$MEM" --room-size 100 --broadcast-interval 0
bench connections-19k connections --connections "$BIG" --room-size 100 --broadcast-interval 1s --duration "$BIGDUR" --prewarm "$PREWARM"
bench joinstorm-1000 joinstorm --members "$JS1"
bench joinstorm-5000 joinstorm --members "$JS5"
bench protected-joinstorm protected-joinstorm --members "$PJ" "${PJARGS[@]}"
bench churn churn "${CHURN[@]}"

if [ "$JMH" = 1 ] && want jmh; then
  if [ "$SCALE" = quick ]; then
    JMHARGS=(-f 1 -wi 1 -i 2 -w 1s -r 1s -p members=100)
  else
    JMHARGS=(-f 1 -wi 3 -w 2s -i 5 -r 2s)
  fi
  jcmd=(taskset -c "$SERVER_CPU" java -jar "$JAR" jmh "${JMHARGS[@]}" -rf json -rff "$OUT/jmh.json")
  printf 'jmh\t%s\n' "${jcmd[*]}" >> "$OUT/commands.tsv"
  echo "== jmh: ${jcmd[*]}" >&2
  "${jcmd[@]}" > "$OUT/jmh.log" 2>&1 || echo "run-suite: JMH failed; see $OUT/jmh.log" >&2
fi

java -jar "$JAR" summarize --dir "$OUT" --out "$DOC" --title "$TITLE" || die "summary failed"
echo "results: $OUT; page: $DOC" >&2
