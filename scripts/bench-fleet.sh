#!/usr/bin/env bash
# Fleet sweep benchmark (issues #6 and #8): builds release, starts the device simulator with N
# devices and a fault mix, runs `routeraudit sweep` (the libssh collector) under /usr/bin/time -v
# and prints wall time, user+sys CPU, peak RSS and device states, and checks that every device
# ended in the state its fault calls for.
#
#   scripts/bench-fleet.sh            # all cases: a b c d
#   scripts/bench-fleet.sh a b        # some cases
#
#   a  1,000 devices, concurrency 100, no faults           (#6: < 30 s, < 300 MB, 0 failures)
#   b  1,000 devices, concurrency 100, hang=5%              (#6: hung devices timed out within the deadline)
#   c  10,000 devices, concurrency 200, swept twice         (#8: < 3 min, < 400 MB; 2nd sweep >= 3x cheaper in CPU)
#   d  10,000 devices, concurrency 200, hang=5%,refuse=5%,hostkey-changed=2%  (#8: right state per device)
#
# Environment: SCRATCH (release scratch folder, default .build-bench-rel), WORK (state and
# results, default /tmp/routeraudit-bench), TIMEOUT (per-device deadline written into the
# inventory, default 10s), SKIP_BUILD=1 to use an existing build.
set -euo pipefail

cd "$(dirname "$0")/.."
SCRATCH=${SCRATCH:-.build-bench-rel}
WORK=${WORK:-/tmp/routeraudit-bench}
TIMEOUT=${TIMEOUT:-10s}
CASES=("$@")
[ ${#CASES[@]} -eq 0 ] && CASES=(a b c d)

if [ "${SKIP_BUILD:-0}" != 1 ]; then
    swift build -c release --scratch-path "$SCRATCH" --product routeraudit >&2
    swift build -c release --scratch-path "$SCRATCH" --product routeraudit-devsim >&2
fi
BIN=$(swift build -c release --scratch-path "$SCRATCH" --show-bin-path)
mkdir -p "$WORK"
SIM_PID=

stop_simulator() {
    if [ -n "$SIM_PID" ]; then
        kill "$SIM_PID" 2>/dev/null || true
        wait "$SIM_PID" 2>/dev/null || true
        SIM_PID=
    fi
}
trap stop_simulator EXIT

# start_simulator NAME DEVICES BASE_PORT FAULTS
start_simulator() {
    local state="$WORK/$1"
    rm -rf "$state"
    mkdir -p "$state"
    local faults=()
    [ -n "$4" ] && faults=(--fault "$4")
    "$BIN/routeraudit-devsim" --devices "$2" --base-port "$3" --state "$state" "${faults[@]}" >"$state/simulator.log" 2>&1 &
    SIM_PID=$!
    for _ in $(seq 1 600); do
        [ -s "$state/ready" ] && break
        kill -0 "$SIM_PID" 2>/dev/null || { cat "$state/simulator.log" >&2; exit 1; }
        sleep 0.1
    done
    [ -s "$state/ready" ] || { echo "simulator did not get ready" >&2; exit 1; }
    # The per-device deadline: every device's whole budget (connect, log in, collect, retries).
    sed -i "s/^defaults:$/defaults:\n  timeout: $TIMEOUT/" "$state/inventory.yaml"
}

# CPU seconds (user+sys) the simulator has used so far.
simulator_cpu() {
    awk -v tick="$(getconf CLK_TCK)" '{ printf "%.2f", ($14 + $15) / tick }' "/proc/$SIM_PID/stat"
}

# sweep NAME LABEL STORE CONCURRENCY: one timed sweep, then its figures and the state check.
sweep() {
    local state="$WORK/$1" label=$2 store=$3 concurrency=$4
    local result="$state/$label"
    local sim_before sim_after
    sim_before=$(simulator_cpu)
    set +e
    /usr/bin/time -v "$BIN/routeraudit" sweep "$state/inventory.yaml" --store "$store" --concurrency "$concurrency" \
        --progress none >"$result.txt" 2>"$result.time"
    local status=$?
    set -e
    sim_after=$(simulator_cpu)
    echo "== $1 $label: exit $status, load average $(cut -d' ' -f1-3 /proc/loadavg)"
    python3 - "$result.txt" "$result.time" "$state/faults.tsv" "$sim_before" "$sim_after" <<'PY'
import re, sys
report, timing, faults, sim_before, sim_after = sys.argv[1:6]
text = open(timing).read()
def field(name):
    match = re.search(r"^\s*" + re.escape(name) + r": (.*)$", text, re.M)
    return match.group(1) if match else "?"
wall = field("Elapsed (wall clock) time (h:mm:ss or m:ss)")
parts = [float(p) for p in wall.split(":")]
seconds = sum(p * 60 ** i for i, p in enumerate(reversed(parts)))
user, system = float(field("User time (seconds)")), float(field("System time (seconds)"))
rss = int(field("Maximum resident set size (kbytes)")) / 1024
print(f"   wall {seconds:.1f} s   sweep CPU {user + system:.1f} s (user {user:.1f} + sys {system:.1f})   "
      f"max RSS {rss:.0f} MB   simulator CPU {float(sim_after) - float(sim_before):.1f} s")
# The text summary: "run N: D devices (...)", then one "  name: state: reason" line per device
# that was not audited.
lines = open(report).read().splitlines()
print("   " + (lines[0] if lines else "(no summary)"))
failed = {}
for line in lines[1:]:
    name, state, reason = (line.strip().split(": ", 2) + ["", ""])[:3]
    failed[name] = (state, reason)
expected = {"none": "audited", "hang": "timed-out", "refuse": "unreachable", "hostkey-changed": "host-key-mismatch"}
plan = {}
for line in open(faults).read().splitlines()[1:]:
    name, _, fault = line.split("\t")
    plan[name] = fault
wrong = [(n, f) for n, f in plan.items() if expected.get(f) != failed.get(n, ("audited", ""))[0]]
reasonless = [n for n, (state, reason) in failed.items() if not reason]
print(f"   devices in the wrong state for their fault: {len(wrong)}; not audited without a reason: {len(reasonless)}")
for name, fault in wrong[:5]:
    print(f"     {name} ({fault}): {failed.get(name, ('audited', ''))}")
for state in ("timed-out", "unreachable", "host-key-mismatch"):
    example = next(((n, r) for n, (s, r) in failed.items() if s == state), None)
    if example:
        print(f"   e.g. {example[0]}: {state}: {example[1][:150]}")
PY
}

for case in "${CASES[@]}"; do
    case $case in
    a) start_simulator a 1000 22001 ""
       sweep a sweep "$WORK/a/history.sqlite" 100 ;;
    b) start_simulator b 1000 22001 "hang=5%"
       sweep b sweep "$WORK/b/history.sqlite" 100 ;;
    c) start_simulator c 10000 21001 ""
       sweep c first "$WORK/c/history.sqlite" 200
       sweep c second "$WORK/c/history.sqlite" 200 ;;
    d) start_simulator d 10000 21001 "hang=5%,refuse=5%,hostkey-changed=2%"
       sweep d sweep "$WORK/d/history.sqlite" 200 ;;
    *) echo "unknown case $case (a, b, c or d)" >&2; exit 2 ;;
    esac
    stop_simulator
done
