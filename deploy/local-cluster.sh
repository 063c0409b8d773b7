#!/usr/bin/env bash
# A TriadDB cluster on this machine: separate node JVMs on 127.0.0.1 from conf/cluster/node-N.conf,
# three availability zones, replication factor 3.
#
#   deploy/local-cluster.sh start [--nodes 3|6]   start every node of the cluster that is not running
#   deploy/local-cluster.sh stop                  stop every running node (SIGTERM, clean shutdown)
#   deploy/local-cluster.sh status                which nodes run, and their health
#
# Node N serves the DynamoDB API on port 7999+N (8000, 8001, 8002, ...); any node accepts any
# request. Data and logs live in ./data/cluster/node-N (relative to the repository root), or in
# $TRIAD_CLUSTER_DIR/node-N when that is set (the nodes then run from a config in that directory
# that includes conf/cluster/node-N.conf and only moves the data directory).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
run="${TRIAD_CLUSTER_DIR:-$root/data/cluster}"

usage() {
  echo "usage: deploy/local-cluster.sh start [--nodes 3|6] | stop | status" >&2
  exit 2
}

pid_of() {
  local f="$run/node-$1.pid" pid
  [[ -f "$f" ]] || return 1
  pid="$(cat "$f")"
  kill -0 "$pid" 2>/dev/null || return 1
  # Where /proc exists: a node killed a moment ago may linger as a zombie, and a stale pid may
  # belong to another process by now; only a live process started with this node's config counts.
  if [[ -d /proc/$pid ]]; then
    [[ "$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null)" != Z ]] || return 1
    tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q -- "node-$1.conf" || return 1
  fi
  echo "$pid"
}

healthy() {
  curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$((7999 + $1))/"
}

nodes_configured() {
  local n
  for n in 1 2 3 4 5 6; do
    if [[ -f "$run/node-$n.pid" ]]; then echo "$n"; fi
  done
}

start() {
  local count=3
  if [[ "${1:-}" == "--nodes" ]]; then
    count="${2:-}"
    [[ "$count" == 3 || "$count" == 6 ]] || usage
  fi
  mkdir -p "$run"
  "$root/bin/triad" --build-only
  local started=()
  for ((n = 1; n <= count; n++)); do
    if pid="$(pid_of "$n")"; then
      echo "node-$n already running (pid $pid)"
      continue
    fi
    mkdir -p "$run/node-$n"
    local config="$root/conf/cluster/node-$n.conf"
    if [[ -n "${TRIAD_CLUSTER_DIR:-}" ]]; then
      config="$run/node-$n.conf"
      printf 'include file("%s")\ntriad.node.data-dir = "%s"\n' "$root/conf/cluster/node-$n.conf" "$run/node-$n" >"$config"
    fi
    nohup "$root/bin/triad" --config "$config" >>"$run/node-$n/node.log" 2>&1 &
    echo $! >"$run/node-$n.pid"
    started+=("$n")
    echo "node-$n starting (pid $!, http://127.0.0.1:$((7999 + n)), log $run/node-$n/node.log)"
  done
  for n in "${started[@]}"; do
    for _ in $(seq 1 600); do
      if healthy "$n"; then
        echo "node-$n ready"
        continue 2
      fi
      if ! pid_of "$n" >/dev/null; then
        echo "node-$n exited; see $run/node-$n/node.log" >&2
        exit 1
      fi
      sleep 0.1
    done
    echo "node-$n not ready after 60 s; see $run/node-$n/node.log" >&2
    exit 1
  done
}

stop() {
  local n pid pids=()
  # Every node is told to stop before any is waited for: a node that stops while the others of its
  # zone still run hands its replicas to them, which rebuild them as new members.
  for n in $(nodes_configured); do
    if pid="$(pid_of "$n")"; then
      kill -TERM "$pid"
      pids+=("$n:$pid")
    fi
  done
  for entry in "${pids[@]}"; do
    n="${entry%%:*}"
    pid="${entry##*:}"
    for _ in $(seq 1 300); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    echo "node-$n stopped"
  done
  for n in $(nodes_configured); do
    rm -f "$run/node-$n.pid"
  done
}

status() {
  local n pid any=0
  for n in $(nodes_configured); do
    any=1
    if pid="$(pid_of "$n")"; then
      if healthy "$n"; then
        echo "node-$n running (pid $pid) http://127.0.0.1:$((7999 + n)) healthy"
      else
        echo "node-$n running (pid $pid) http://127.0.0.1:$((7999 + n)) not answering"
      fi
    else
      echo "node-$n not running"
    fi
  done
  ((any)) || echo "no node of the local cluster has been started"
}

case "${1:-}" in
  start) shift; start "$@" ;;
  stop) stop ;;
  status) status ;;
  *) usage ;;
esac
