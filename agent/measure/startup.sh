#!/usr/bin/env bash
# Start-up cost of the agent: wall-clock time of `java [-javaagent] LoadAll <jars>` with and
# without the agent, runs interleaved, median of each. Usage (from the repository root, after
# `mvn -pl agent -am package`):
#   agent/measure/startup.sh [runs] [jar...]
# Default jars: guava 33.5.0-jre and byte-buddy 1.18.17 from ~/.m2 (4,931 loadable classes).
# JAVA selects the java launcher (default: java on the PATH). Run it on an idle machine.
set -euo pipefail
runs=${1:-11}
shift || true
m2=${M2_REPO:-$HOME/.m2/repository}
jars=("$@")
if [ ${#jars[@]} -eq 0 ]; then
  jars=("$m2/com/google/guava/guava/33.5.0-jre/guava-33.5.0-jre.jar"
        "$m2/net/bytebuddy/byte-buddy/1.18.17/byte-buddy-1.18.17.jar")
fi
java=${JAVA:-java}
agent=$(ls agent/target/warden-agent-*.jar | grep -v original | head -1)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"${java%java}javac" -d "$work" agent/measure/LoadAll.java
cp="$work$(printf ':%s' "${jars[@]}")"

millis() { # command...: wall-clock milliseconds of one run
  local start end
  start=$(date +%s%N)
  "$@" > /dev/null
  end=$(date +%s%N)
  echo $(( (end - start) / 1000000 ))
}
median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

for workload in all trivial; do
  args=("${jars[@]}")
  [ "$workload" = trivial ] && args=()
  without=(); with=()
  for _ in $(seq "$runs"); do
    without+=("$(millis "$java" -cp "$cp" LoadAll "${args[@]}")")
    with+=("$(millis "$java" "-javaagent:$agent" -cp "$cp" LoadAll "${args[@]}")")
  done
  a=$(printf '%s\n' "${without[@]}" | median)
  b=$(printf '%s\n' "${with[@]}" | median)
  echo "$workload classes: without agent ${a} ms, with agent ${b} ms, ratio $(awk "BEGIN { printf \"%.3f\", $b / $a }") (median of $runs)"
done
