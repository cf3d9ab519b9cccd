# Sourced by scripts/*: finds an installed JDK 25 and exports JAVA_HOME, or stops with a clear message.
# Why: the machines' default java is 17; SatuNIK needs release 25 (final FFM, Lucene 10 SIMD).
satunik_find_jdk25() {
  local candidate
  if [ -n "${JAVA_HOME:-}" ] && "$JAVA_HOME/bin/java" -version 2>&1 | grep -q 'version "25'; then
    return 0
  fi
  for candidate in /usr/lib/jvm/temurin-25* /usr/lib/jvm/*-25-* /usr/lib/jvm/jdk-25* /opt/java/jdk-25* /opt/jdk-25*; do
    if [ -x "$candidate/bin/javac" ] && "$candidate/bin/java" -version 2>&1 | grep -q 'version "25'; then
      export JAVA_HOME="$candidate"
      export PATH="$JAVA_HOME/bin:$PATH"
      return 0
    fi
  done
  echo "SatuNIK needs a JDK 25 (javac + java). None found in JAVA_HOME or /usr/lib/jvm/*25*." >&2
  echo "Install Temurin 25 (e.g. apt-get install temurin-25-jdk) or set JAVA_HOME to a JDK 25." >&2
  return 1
}
satunik_find_jdk25 || exit 1
