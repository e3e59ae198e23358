# Sourced by ./mvnw and ./connectkit: prints the home of an installed JDK 25, or nothing.
# It looks where the maven-toolchains-plugin's discovery looks: JAVA25_HOME, JAVA_HOME, the running java,
# and the usual install folders.
connectkit_find_jdk25() {
  local home
  for home in "${JAVA25_HOME:-}" "${JAVA_HOME:-}" \
      "$(dirname "$(dirname "$(readlink -f "$(command -v java 2>/dev/null || echo /nonexistent)")")")" \
      /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk/* "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/* \
      /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    if [ -n "$home" ] && [ -x "$home/bin/java" ] && [ -f "$home/release" ] \
        && grep -q '^JAVA_VERSION="25' "$home/release"; then
      printf '%s\n' "$home"
      return 0
    fi
  done
  return 1
}
