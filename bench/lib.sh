# Shared by the Java benchmarks in bench/: builds what they need and runs a main class from
# platform-tests' test classpath with a JDK >= 21, against the local PostgreSQL/Redis/S3.

bench_prepare() {
  "$ROOT/autograph" infra > /dev/null
  # The packaged service jars, and the test classes with their classpath.
  local jdk; jdk="$("$ROOT/autograph" java-home)"
  export JAVA_HOME="$jdk"
  "$ROOT/autograph" build > /dev/null
  # One reactor run: the sibling modules on the class path are this checkout's own jars (target/),
  # not whatever an earlier install left in the shared local repository.
  (cd "$ROOT" && mvn -B -q -pl platform-tests -am package -DskipTests dependency:build-classpath \
       -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath > /dev/null)
}

# nginx, the reverse proxy the gateway is measured against (bench/gateway): installed from Debian's
# packages when missing, run by the benchmark as a process of its own (never the system service).
bench_nginx() {
  if ! command -v nginx > /dev/null && [[ ! -x /usr/sbin/nginx ]]; then
    echo "Installing nginx (Debian package)..." >&2
    DEBIAN_FRONTEND=noninteractive apt-get update -qq > /dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx > /dev/null
  fi
  BENCH_NGINX="$(command -v nginx || echo /usr/sbin/nginx)"
  export BENCH_NGINX
}

bench_run() {
  local main="$1"; shift
  local cp; cp="$ROOT/platform-tests/target/test-classes:$(cat "$ROOT/platform-tests/target/bench.classpath")"
  (cd "$ROOT/platform-tests" && "$JAVA_HOME/bin/java" -Xmx512m -cp "$cp" "$main" "$@")
}
