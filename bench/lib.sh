# Shared by the Java benchmarks in bench/: builds what they need and runs a main class from
# platform-tests' test classpath with a JDK >= 21, against the local PostgreSQL/Redis/S3.

bench_prepare() {
  "$ROOT/autograph" infra > /dev/null
  # The packaged service jars, and the test classes with their classpath.
  local jdk; jdk="$("$ROOT/autograph" java-home)"
  export JAVA_HOME="$jdk"
  "$ROOT/autograph" build > /dev/null
  # One reactor run: the class path names the sibling modules' jars in their target folders, so
  # nothing goes to the local Maven repository (which other checkouts share).
  (cd "$ROOT" && mvn -B -q -pl platform-tests -am package -DskipTests dependency:build-classpath \
       -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath > /dev/null)
}

# bench_base_jar MODULE REF: the packaged jar of MODULE as of git revision REF, for a benchmark's
# baseline; built once per commit into a temporary folder from `git archive` (the checkout is
# left as it is). Prints the jar's path.
bench_base_jar() {
  local module="$1" commit dir
  commit="$(git -C "$ROOT" rev-parse --verify "$2^{commit}")"
  dir="${TMPDIR:-/tmp}/autograph-bench-base-$commit"
  local jar="$dir/$module/target/$module-0.1.0-SNAPSHOT.jar"
  if [[ ! -f "$jar" ]]; then
    rm -rf "$dir" && mkdir -p "$dir"
    git -C "$ROOT" archive "$commit" | tar -x -C "$dir"
    echo "Building $module at ${commit:0:12} into $dir..." >&2
    (cd "$dir" && mvn -B -q -pl "$module" -am package -DskipTests > "$dir/build.log" 2>&1) \
      || { tail -30 "$dir/build.log" >&2; echo "could not build $module at $2" >&2; return 1; }
  fi
  printf '%s' "$jar"
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

# bench/gateway-floor's jar (Spring Cloud Gateway with one route, nothing of ours), the framework's
# own floor in bench/gateway and bench/gateway-overhead; built outside the reactor.
bench_gateway_floor() {
  (cd "$ROOT" && mvn -B -q -f bench/gateway-floor/pom.xml package -DskipTests > /dev/null)
  BENCH_GATEWAY_FLOOR_JAR="$ROOT/bench/gateway-floor/target/gateway-floor-0.1.0-SNAPSHOT.jar"
  export BENCH_GATEWAY_FLOOR_JAR
}

bench_diagram_floor() {
  (cd "$ROOT" && mvn -B -q -f bench/diagram-floor/pom.xml package -DskipTests > /dev/null)
  BENCH_DIAGRAM_FLOOR_JAR="$ROOT/bench/diagram-floor/target/diagram-floor-0.1.0-SNAPSHOT.jar"
  export BENCH_DIAGRAM_FLOOR_JAR
}

bench_run() {
  local main="$1"; shift
  local cp; cp="$ROOT/platform-tests/target/test-classes:$(cat "$ROOT/platform-tests/target/bench.classpath")"
  (cd "$ROOT/platform-tests" && "$JAVA_HOME/bin/java" -Xmx512m -cp "$cp" "$main" "$@")
}
