#!/usr/bin/env bash
# Installs the packages of .devcontainer/packages.txt that this machine lacks (Debian or Ubuntu; as root, or a
# user who may sudo). The dev container runs it once it is created; .ci/run and the Pages workflow run it before
# they build. Prints what it installs.
set -euo pipefail
cd "$(dirname "$0")/.."
. .mvn/find-jdk25.sh

need=()
while IFS= read -r line; do
  line="${line%%#*}"                       # drop the comment
  read -r package present <<<"$line" || true
  [ -n "${package:-}" ] || continue
  eval "$present" >/dev/null 2>&1 || need+=("$package")
done < .devcontainer/packages.txt

if [ ${#need[@]} -eq 0 ]; then
  echo "install-packages: everything in .devcontainer/packages.txt is already here"
  exit 0
fi
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "install-packages: installing ${need[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}" >/dev/null
