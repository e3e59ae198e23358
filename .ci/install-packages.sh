#!/usr/bin/env bash
# Installs the packages of .ci/packages.txt that this machine lacks (Debian or Ubuntu, as root or with sudo).
# The dev container runs it once it is created; .ci/run runs it before it builds. Prints what it installs.
set -euo pipefail
cd "$(dirname "$0")/.."
. .mvn/find-jdk25.sh

need=()
while IFS= read -r line; do
  line="${line%%#*}"                       # drop the comment
  read -r package present <<<"$line" || true
  [ -n "${package:-}" ] || continue
  eval "$present" >/dev/null 2>&1 || need+=("$package")
done < .ci/packages.txt

if [ ${#need[@]} -eq 0 ]; then
  echo "install-packages: everything in .ci/packages.txt is already here"
  exit 0
fi
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "install-packages: installing ${need[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}" >/dev/null
