#!/usr/bin/env bash
# The Flink oracle (npm run test:flink, flink/) needs Java 17 and Maven; install Debian's packages
# when either is missing (fresh machines, CI). Flink itself comes from Maven Central on the first build.
set -euo pipefail
if command -v java >/dev/null && command -v mvn >/dev/null; then exit 0; fi
echo "Java or Maven is missing: installing Debian's openjdk-17-jdk-headless and maven packages" >&2
SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq openjdk-17-jdk-headless maven >/dev/null
java -version >&2
