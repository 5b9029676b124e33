#!/bin/sh
# tools/virtuoso-local.sh: a throwaway Virtuoso for vitae, on loopback.
#
#   tools/virtuoso-local.sh start [DIR]   create DIR (default: a new temporary
#                                         directory) with a fresh database and a
#                                         virtuoso.ini listening on 127.0.0.1 only,
#                                         on two free ports; start virtuoso-t;
#                                         wait until it answers; print the
#                                         --store spec for vitae on stdout
#   tools/virtuoso-local.sh stop DIR      stop it (the files stay; rm -r DIR)
#
# The database starts with Virtuoso's default account dba/dba (fine on
# loopback, for a throwaway instance); the password goes into DIR/password,
# which the printed spec names.  Needs virtuoso-t (Debian: virtuoso-opensource)
# and python3 (to find free ports).  VIRTUOSO_MAX_ROWS caps SPARQL answers
# (ResultSetMaxRows; default: no cap), to see how vitae meets a capped server.  Exit codes: 0 ok, 1 failure, 2 usage,
# 77 virtuoso-t not installed (so that tests can skip).
set -u

usage() {
  sed -n '2,15s/^# \{0,1\}//p' "$0" >&2
  exit 2
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

start() {
  command -v virtuoso-t >/dev/null 2>&1 || { echo "virtuoso-local: virtuoso-t not installed (Debian: apt-get install virtuoso-opensource)" >&2; exit 77; }
  if [ -n "${1:-}" ]; then
    dir=$1
    mkdir -p "$dir" || exit 1
  else
    dir=$(mktemp -d "${TMPDIR:-/tmp}/vitae-virtuoso.XXXXXX") || exit 1
  fi
  dir=$(cd "$dir" && pwd)
  if [ -f "$dir/virtuoso.pid" ] && kill -0 "$(cat "$dir/virtuoso.pid")" 2>/dev/null; then
    echo "virtuoso-local: already running in $dir (pid $(cat "$dir/virtuoso.pid"))" >&2
    exit 1
  fi
  sql=$(free_port) && http=$(free_port) || exit 1
  [ "$sql" != "$http" ] || http=$(free_port)
  vsp=/var/lib/virtuoso-opensource-7/vsp
  [ -d "$vsp" ] || vsp=$dir
  # Loopback ports only; DirsAllowed lets the server's bulk loader read DIR;
  # no row cap on SPARQL results (vitae reads whole graphs through it); a
  # transaction may change 1.5 GB (the default 50 MB aborted the MOVE of a
  # 1.3M-triple graph that replaces vitae's inferred graph).
  cat >"$dir/virtuoso.ini" <<EOF
[Database]
DatabaseFile       = $dir/virtuoso.db
ErrorLogFile       = $dir/virtuoso.log
LockFile           = $dir/virtuoso.lck
TransactionFile    = $dir/virtuoso.trx
xa_persistent_file = $dir/virtuoso.pxa
ErrorLogLevel      = 7
FileExtend         = 200
Striping           = 0
TempStorage        = TempDatabase

[TempDatabase]
DatabaseFile       = $dir/virtuoso-temp.db
TransactionFile    = $dir/virtuoso-temp.trx
Striping           = 0

[Parameters]
ServerPort           = 127.0.0.1:$sql
DisableUnixSocket    = 1
CheckpointInterval   = 60
DirsAllowed          = ., $dir
NumberOfBuffers      = 170000
MaxDirtyBuffers      = 130000
MaxQueryMem          = 1G
ThreadsPerQuery      = 2
AsyncQueueMaxThreads = 4
TransactionAfterImageLimit = 1500000000

[HTTPServer]
ServerPort           = 127.0.0.1:$http
ServerRoot           = $vsp
MaxClientConnections = 8
ServerThreads        = 8
Charset              = UTF-8
EnabledGzipContent   = 0

[SPARQL]
ResultSetMaxRows           = ${VIRTUOSO_MAX_ROWS:-100000000}
MaxQueryCostEstimationTime = 0
MaxQueryExecutionTime      = 0
EOF
  printf 'dba\n' >"$dir/password"
  chmod 600 "$dir/password"
  echo "$sql" >"$dir/sql.port"
  echo "$http" >"$dir/http.port"
  (cd "$dir" && exec virtuoso-t +foreground +configfile "$dir/virtuoso.ini" >"$dir/stdout.log" 2>&1) &
  echo $! >"$dir/virtuoso.pid"
  # A fresh database takes a few seconds to create.
  i=0
  while [ $i -lt 120 ]; do
    if ! kill -0 "$(cat "$dir/virtuoso.pid")" 2>/dev/null; then
      echo "virtuoso-local: virtuoso-t stopped; see $dir/virtuoso.log:" >&2
      tail -5 "$dir/virtuoso.log" "$dir/stdout.log" >&2 2>/dev/null
      exit 1
    fi
    if curl -s -o /dev/null -f "http://127.0.0.1:$http/sparql?query=ASK%7B%7D"; then
      echo "virtuoso:127.0.0.1:$http,user=dba,password-file=$dir/password"
      echo "virtuoso-local: running in $dir (SQL 127.0.0.1:$sql, HTTP 127.0.0.1:$http); stop: $0 stop $dir" >&2
      exit 0
    fi
    sleep 0.5
    i=$((i + 1))
  done
  echo "virtuoso-local: no answer on 127.0.0.1:$http after 60 s; see $dir/virtuoso.log" >&2
  kill "$(cat "$dir/virtuoso.pid")" 2>/dev/null
  exit 1
}

stop() {
  dir=${1:?}
  [ -f "$dir/virtuoso.pid" ] || { echo "virtuoso-local: no $dir/virtuoso.pid" >&2; exit 1; }
  pid=$(cat "$dir/virtuoso.pid")
  kill "$pid" 2>/dev/null || exit 0
  i=0
  while kill -0 "$pid" 2>/dev/null && [ $i -lt 60 ]; do sleep 0.5; i=$((i + 1)); done
  kill -9 "$pid" 2>/dev/null
  rm -f "$dir/virtuoso.pid"
}

case "${1:-}" in
start) shift; start "$@" ;;
stop) [ $# -eq 2 ] || usage; stop "$2" ;;
*) usage ;;
esac
