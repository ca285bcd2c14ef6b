# Shared by the Java benchmarks in bench/: builds what they need and runs a main class from
# platform-tests' test classpath with a JDK >= 21, against the local PostgreSQL/Redis/S3.

bench_prepare() {
  "$ROOT/autograph" infra > /dev/null
  # The packaged service jars, and the test classes with their classpath.
  local jdk; jdk="$("$ROOT/autograph" java-home)"
  export JAVA_HOME="$jdk"
  "$ROOT/autograph" build > /dev/null
  (cd "$ROOT" && mvn -B -q -pl platform-tests -am install -DskipTests > /dev/null \
    && mvn -B -q -pl platform-tests dependency:build-classpath -Dmdep.includeScope=test \
         -Dmdep.outputFile=target/bench.classpath > /dev/null)
}

bench_run() {
  local main="$1"; shift
  local cp; cp="$ROOT/platform-tests/target/test-classes:$(cat "$ROOT/platform-tests/target/bench.classpath")"
  (cd "$ROOT/platform-tests" && "$JAVA_HOME/bin/java" -Xmx512m -cp "$cp" "$main" "$@")
}
