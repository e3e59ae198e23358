# Sourced by ./mvnw (POSIX sh), ./connectkit and .ci/run: prints the home of an installed JDK 25, or nothing.
# It looks at JAVA25_HOME, JAVA_HOME, the running java, then in the usual install folders; CONNECTKIT_JDK_SEARCH
# (folders separated by ':') replaces those folders, so a test can point the search at an empty one.
connectkit_is_jdk25() {
  [ -n "$1" ] && [ -x "$1/bin/java" ] && [ -f "$1/release" ] && grep -q '^JAVA_VERSION="25' "$1/release"
}

connectkit_find_jdk25() {
  local home root roots saved_ifs
  for home in "${JAVA25_HOME:-}" "${JAVA_HOME:-}" \
      "$(dirname "$(dirname "$(readlink -f "$(command -v java 2>/dev/null || echo /nonexistent)")")")"; do
    if connectkit_is_jdk25 "$home"; then printf '%s\n' "$home"; return 0; fi
  done
  roots="${CONNECTKIT_JDK_SEARCH:-/usr/lib/jvm:/usr/java:/opt/java:/opt/jdk:$HOME/.sdkman/candidates/java:$HOME/.jdks:/Library/Java/JavaVirtualMachines}"
  saved_ifs="$IFS"
  IFS=:
  for root in $roots; do
    IFS="$saved_ifs"
    for home in "$root"/* "$root"/*/Contents/Home; do
      if connectkit_is_jdk25 "$home"; then printf '%s\n' "$home"; return 0; fi
    done
  done
  IFS="$saved_ifs"
  return 1
}
