# syntax=docker/dockerfile:1
#
# One image recipe for all nine deployables of the reactor.
#
# Why one shared file instead of MODULE/Dockerfile each: the nine images differ only in which
# module is built and which port is documented. Nine copies would drift (a base-image bump, a
# security fix or a JVM flag would have to be made nine times); one file keeps them identical.
# The build context is the repository root in every case, because `mvn -pl MODULE -am` needs the
# parent pom and the modules MODULE depends on (shared-lib, ...).
#
# Build the gateway (stage "gateway": a service stage plus the browser app it serves at /):
#   docker build --target gateway --build-arg MODULE=gateway --build-arg PORT=8080 -t autograph/gateway:0.1.0 .
# Build a service (the default, last stage "service"):
#   docker build --build-arg MODULE=auth-service --build-arg PORT=8085 -t autograph/auth-service:0.1.0 .
# Build the one-shot migration runner (stage "migrations", no port):
#   docker build --target migrations --build-arg MODULE=db-migrations -t autograph/db-migrations:0.1.0 .
# docker-compose.yml passes the same arguments for every image.
#
# Run-time contract: working directory /app holds .env.docker and .env.kubernetes, so
# SPRING_PROFILES_ACTIVE=docker or =kubernetes needs no further configuration; secrets
# (DB_PASSWORD, REDIS_PASSWORD, S3_ACCESS_KEY, S3_SECRET_KEY, JWT_SECRET) come from the
# environment; JVM flags go in JAVA_TOOL_OPTIONS. The process runs as uid/gid 10001, writes
# nothing outside /tmp, so it works with a read-only root filesystem.

ARG MAVEN_IMAGE=maven:3.9-eclipse-temurin-21
ARG RUNTIME_IMAGE=eclipse-temurin:21-jre
ARG NODE_IMAGE=node:22-bookworm-slim

# ---------------------------------------------------------------------------------------------
# Build: compile MODULE and what it depends on, then split its executable jar into layers.
# ---------------------------------------------------------------------------------------------
FROM ${MAVEN_IMAGE} AS build
ARG MODULE
RUN test -n "${MODULE}" || { echo "Pass --build-arg MODULE=<module directory>, e.g. MODULE=gateway" >&2; exit 1; }
WORKDIR /src
COPY . .
# The local Maven repository lives in a BuildKit cache, so dependencies are downloaded once per
# builder, not once per image or per source change. "locked": compose builds the images in
# parallel and Maven's local repository is not made for concurrent writers.
RUN --mount=type=cache,target=/root/.m2,sharing=locked \
    test -f "${MODULE}/pom.xml" || { echo "No module ${MODULE} in this repository" >&2; exit 1; } \
 && mvn -B -q -pl "${MODULE}" -am package -DskipTests
# db-migrations publishes its runnable jar with the classifier "exec" (its plain jar is a library
# for the tests); every other module's main artifact is the runnable jar.
RUN cd "${MODULE}/target" \
 && jar="$(ls "${MODULE}"-*-exec.jar 2>/dev/null || ls "${MODULE}"-*.jar)" \
 && java -Djarmode=tools -jar "${jar}" extract --layers --launcher --destination /layers

# ---------------------------------------------------------------------------------------------
# The browser app (frontend/): npm ci from the committed lockfile, then the same build
# ./autograph runs (API types from frontend/openapi.json, type check, Vite, gzip twins).
# ---------------------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS app
WORKDIR /src/frontend
COPY frontend/package.json frontend/package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --no-audit --no-fund
COPY frontend/ ./
RUN npm run build

# ---------------------------------------------------------------------------------------------
# Runtime base shared by the final stages.
# ---------------------------------------------------------------------------------------------
FROM ${RUNTIME_IMAGE} AS runtime
# curl: the compose health checks call /health/readiness from inside the container (installed
# explicitly rather than relying on the base image happening to ship it).
# fonts-dejavu-core: export-service rasterises text (PNG/PDF); a JRE without any font fails there.
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends curl fonts-dejavu-core \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 autograph \
 && useradd --system --uid 10001 --gid 10001 --home-dir /app --no-create-home \
            --shell /usr/sbin/nologin autograph
WORKDIR /app
# One COPY per layer, least to most frequently changing: a code change rebuilds only the last
# (small) layer and image pulls reuse the dependency layers. Files stay root-owned and read-only
# for the application user.
COPY --from=build /layers/dependencies/ ./
COPY --from=build /layers/spring-boot-loader/ ./
COPY --from=build /layers/snapshot-dependencies/ ./
COPY --from=build /layers/application/ ./
COPY .env.docker .env.kubernetes ./
# Heap as a share of the container memory limit; die (and get restarted) instead of limping on
# after an OutOfMemoryError. Override the whole variable to change JVM flags.
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
# Numeric so that Kubernetes' runAsNonRoot can verify it without resolving names.
USER 10001:10001
# Exec form: java is PID 1 and receives SIGTERM directly, so Spring's graceful shutdown
# (SHUTDOWN_TIMEOUT) drains in-flight requests.
ENTRYPOINT ["java", "org.springframework.boot.loader.launch.JarLauncher"]

# ---------------------------------------------------------------------------------------------
# Migration runner: applies the Flyway migrations and exits 0. Build with --target migrations.
# ---------------------------------------------------------------------------------------------
FROM runtime AS migrations

# ---------------------------------------------------------------------------------------------
# HTTP service (default target). PORT only documents the port; the module fixes it itself.
# ---------------------------------------------------------------------------------------------
FROM runtime AS service
ARG PORT
RUN test -n "${PORT}" || { echo "Pass --build-arg PORT=<the module's port>, e.g. PORT=8080" >&2; exit 1; }
EXPOSE ${PORT}

# ---------------------------------------------------------------------------------------------
# The gateway: a service image that also holds the browser app's build and serves it at /.
# Build with --target gateway --build-arg MODULE=gateway --build-arg PORT=8080.
# ---------------------------------------------------------------------------------------------
FROM service AS gateway
COPY --from=app /src/frontend/dist/ /app/frontend/
ENV GATEWAY_APP_DIR=/app/frontend

# The default target stays the plain service image.
FROM service
