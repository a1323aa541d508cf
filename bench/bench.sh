#!/usr/bin/env bash
# Raises the open-file limit (10,000 connections need 10,000 descriptors on each side),
# then runs the bench with Node 24: bench/bench.sh --idle 10000
# bench/bench.sh --mls [flags] runs the MLS bench instead (bench/mls/run.ts).
# bench/bench.sh --turn [flags] runs the TURN and data-channel bench (bench/turn/run.ts).
# bench/bench.sh --search [--messages N] runs the message-search bench (bench/search/run.ts).
# bench/bench.sh --web [flags] runs the web first-paint bench (bench/web/run.ts).
# bench/bench.sh --web --features prints the size the message features add (bench/web/feature-size.ts).
# bench/bench.sh --sweep [flags] finds the highest rate each server sustains with p99 < 25 ms (bench/sweep.ts).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if [ "${1:-}" = "--mls" ]; then shift; exec node "$here/mls/run.ts" "$@"; fi
if [ "${1:-}" = "--turn" ]; then shift; exec node "$here/turn/run.ts" "$@"; fi
if [ "${1:-}" = "--search" ]; then shift; exec node "$here/search/run.ts" "$@"; fi
if [ "${1:-}" = "--web" ] && [ "${2:-}" = "--features" ]; then exec node "$here/web/feature-size.ts"; fi
if [ "${1:-}" = "--web" ]; then shift; exec node "$here/web/run.ts" "$@"; fi
if [ "${1:-}" = "--sweep" ]; then shift; ulimit -n 65536 2>/dev/null || true; exec node "$here/sweep.ts" "$@"; fi
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
exec node "$here/run.ts" "$@"
