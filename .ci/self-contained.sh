#!/usr/bin/env bash
# Fails when a tracked file refers to a path outside the repository: a fresh clone has nothing beside it.
#   A relative path is resolved where it is read: a pom, and the Java sources of a module, from the module's
#   folder (Maven's basedir and the tests' working directory); every other file from its own folder.
set -euo pipefail
cd "$(dirname "$0")/.."

bad=0
report() { echo "self-contained: $1" >&2; bad=1; }

# 1. The places that never belong in the kit: the workplace's shared folder, this machine's absolute paths.
while IFS= read -r hit; do report "refers outside the repository: $hit"; done \
  < <(git grep -nE '\.\./shared\b|/work/(main|shared)\b' -- . ':!.ci/self-contained.sh' || true)

# 2. Relative paths that climb above the repository's root.
module_of() { # the nearest folder at or above $1 holding a pom.xml ('.' for the root)
  local d="$1"
  while [ "$d" != "." ] && [ ! -f "$d/pom.xml" ]; do d="$(dirname "$d")"; done
  printf '%s' "$d"
}
depth_of() { # how many folders deep $1 is below the root
  [ "$1" = "." ] && { echo 0; return; }
  awk -F/ '{ print NF }' <<<"$1"
}
while IFS= read -r -d '' file; do
  # Markdown is read by people, not by the build: a README may show a user's own path in a command.
  case "$file" in *.md|*.png|*.jar|*.tar.gz|package-lock.json) continue ;; esac
  dir="$(dirname "$file")"
  case "$file" in
    pom.xml|*/pom.xml|*/src/main/java/*|*/src/test/java/*) base="$(module_of "$dir")" ;;
    *) base="$dir" ;;
  esac
  allowed="$(depth_of "$base")"
  while IFS= read -r climb; do
    ups=$(( ${#climb} / 3 ))
    [ "$ups" -le "$allowed" ] || report "$file climbs $ups folders up from $base: '$climb…' leaves the repository"
  done < <(grep -oE '(\.\./)+' "$file" 2>/dev/null | sort -u)
done < <(git ls-files -z)

[ "$bad" -eq 0 ] && echo "self-contained: no tracked file refers to a path outside the repository"
exit "$bad"
