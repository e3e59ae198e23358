#!/usr/bin/env bash
# Without a JDK 25, ./mvnw stops at once with one sentence naming what to install. Checked by pointing the JDK
# search at an empty folder, with JAVA_HOME at the older default java (17 on the CI machine and the devcontainer).
set -euo pipefail
cd "$(dirname "$0")/.."
. .mvn/find-jdk25.sh

older="$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")"
if connectkit_is_jdk25 "$older"; then
  echo "no-jdk25: the default java is a JDK 25 here; this check needs an older one as the default" >&2
  exit 1
fi
empty="$(mktemp -d)"
trap 'rm -rf "$empty"' EXIT

expected="connectkit needs a JDK 25: install one (for example Temurin 25, or Debian's openjdk-25-jdk) under /usr/lib/jvm and run ./mvnw, which finds it, or point JAVA_HOME at it."
status=0
out="$(env -u JAVA25_HOME JAVA_HOME="$older" CONNECTKIT_JDK_SEARCH="$empty" ./mvnw -B validate 2>&1)" || status=$?

fail() { echo "no-jdk25: $1" >&2; printf '%s\n' "$out" | tail -20 >&2; exit 1; }
[ "$status" -ne 0 ] || fail "./mvnw succeeded without a JDK 25"
[ "$(grep -cxF "[ERROR] $expected" <<<"$out")" -eq 1 ] || fail "the sentence naming what to install is not printed once"
! grep -q 'Building connectkit core' <<<"$out" || fail "the build went on past the first module"
echo "no-jdk25: without a JDK 25, ./mvnw stops in the first module with: $expected"
