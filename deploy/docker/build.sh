#!/usr/bin/env bash
# Builds newsflow's container images offline (no registry needed), idempotently:
#   newsflow/jre:17              Debian bookworm (minbase) + openjdk-17-jre-headless, made with
#                                debootstrap and `docker import`; built only when missing
#   newsflow/kafka:<kafka.version>  a KRaft broker from the Kafka jars the project builds against
#   newsflow/app:<version>, newsflow/app:latest   the newsflow launcher, every stage
# The jar is built first (./mvnw package, tests skipped) when missing or older than the sources.
# Docker's layer cache makes a second run take seconds.
#
# Environment: DEBIAN_MIRROR (default http://deb.debian.org/debian), NEWSFLOW_JRE_IMAGE (use another
# Java 17 base image instead of building one, e.g. eclipse-temurin:17-jre where a registry is
# reachable), NEWSFLOW_REBUILD_JRE=1 (rebuild the base even when present).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
here="$root/deploy/docker"
stage="$root/app/target/docker"

pom_property() { sed -n "s:.*<$1>\(.*\)</$1>.*:\1:p" "$root/pom.xml" | head -1; }
project_version="$(sed -n '0,/<version>/s:.*<version>\(.*\)</version>.*:\1:p' "$root/pom.xml")"
kafka_version="$(pom_property kafka.version)"
jre_image="${NEWSFLOW_JRE_IMAGE:-newsflow/jre:17}"
kafka_image="newsflow/kafka:$kafka_version"
app_image="newsflow/app:$project_version"

log() { echo "build.sh: $*" >&2; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
seconds() { echo $(( $(date +%s) - start )); }

docker info >/dev/null 2>&1 || { log "docker is not running (docker info failed)"; exit 1; }

# 1. The JRE base image.
if [ -z "${NEWSFLOW_JRE_IMAGE:-}" ] \
    && { [ "${NEWSFLOW_REBUILD_JRE:-0}" = 1 ] || ! docker image inspect "$jre_image" >/dev/null 2>&1; }; then
  command -v debootstrap >/dev/null || { log "debootstrap is missing (apt-get install debootstrap)"; exit 1; }
  start=$(date +%s)
  rootfs="$(mktemp -d /tmp/newsflow-jre.XXXXXX)"
  trap 'as_root rm -rf "$rootfs"' EXIT
  log "building $jre_image with debootstrap (about a minute)"
  as_root debootstrap --variant=minbase --include=openjdk-17-jre-headless bookworm "$rootfs" \
    "${DEBIAN_MIRROR:-http://deb.debian.org/debian}" >/dev/null
  # Downloaded packages, apt lists, docs and man pages are of no use in a runtime image.
  as_root rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/* \
    "$rootfs"/usr/share/doc/* "$rootfs"/usr/share/man/* "$rootfs"/usr/share/locale/*
  as_root tar -C "$rootfs" -c . | docker import \
    --change 'ENV LANG=C.UTF-8' \
    --change 'ENV JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64' \
    --change 'CMD ["/bin/bash"]' - "$jre_image" >/dev/null
  as_root rm -rf "$rootfs"
  trap - EXIT
  log "$jre_image built in $(seconds) s"
else
  log "$jre_image: present"
fi

# 2. The distribution: app/target/newsflow.jar and app/target/lib.
jar="$root/app/target/newsflow.jar"
if [ ! -f "$jar" ] \
    || [ -n "$(find "$root/pom.xml" "$root"/*/pom.xml "$root"/*/src/main -newer "$jar" -print -quit 2>/dev/null)" ]; then
  log "building $jar (./mvnw package, tests compiled, not run)"
  "$root/mvnw" -q -B -f "$root/pom.xml" package -DskipTests -Dspotless.skip=true
fi

# 3. Build contexts: only what each image needs (not the whole repository).
rm -rf "$stage"
mkdir -p "$stage/app/lib-ext" "$stage/app/lib-app" "$stage/kafka/libs"
cp "$here/app/Dockerfile" "$here/app/newsflow-entrypoint" "$jar" "$stage/app/"
cp -r "$root/seeds" "$stage/app/seeds"
for lib in "$root"/app/target/lib/*.jar; do
  case "$(basename "$lib")" in
    newsflow-*) cp "$lib" "$stage/app/lib-app/" ;;
    *) cp "$lib" "$stage/app/lib-ext/" ;;
  esac
done
# The broker needs kafka_2.13 and its runtime closure, not the Streams apps' own libraries.
for lib in "$root"/app/target/lib/*.jar; do
  case "$(basename "$lib")" in
    newsflow-* | kafka-streams-* | rocksdbjni-* | opensextant-* | opennlp-* | picocli-* \
      | rome-* | jdom2-* | micrometer-* | prometheus-metrics-* | LatencyUtils-*) ;;
    *) cp "$lib" "$stage/kafka/libs/" ;;
  esac
done
[ -f "$stage/kafka/libs/kafka_2.13-$kafka_version.jar" ] \
  || { log "kafka_2.13-$kafka_version.jar is not in app/target/lib"; exit 1; }
cp "$here/kafka/Dockerfile" "$here/kafka/kafka-start" "$here/kafka/log4j2.xml" "$stage/kafka/"

# docker build's own output only when it fails (the legacy builder warns on every run).
build() {
  local out
  if ! out="$(docker build --build-arg "JRE_IMAGE=$jre_image" "$@" 2>&1)"; then
    echo "$out" >&2
    log "docker build $* failed"
    exit 1
  fi
}
start=$(date +%s)
build -t "$kafka_image" "$stage/kafka"
log "$kafka_image built in $(seconds) s"
start=$(date +%s)
build -t "$app_image" -t newsflow/app:latest --label "io.newsflow.version=$project_version" \
  "$stage/app"
log "$app_image (and newsflow/app:latest) built in $(seconds) s"
docker images --format '{{.Repository}}:{{.Tag}} {{.Size}}' | grep '^newsflow/' >&2
