#!/bin/sh
# Debian's Virtuoso for `make test-virtuoso` (tests/virtuoso.py starts a throwaway instance of it on free
# loopback ports and stops it afterwards; nothing here starts a system service).
set -eu
if command -v virtuoso-t >/dev/null 2>&1 && { command -v isql-vt >/dev/null 2>&1 || command -v isql >/dev/null 2>&1; }; then
  exit 0
fi
echo "scripts/install-virtuoso.sh: installing Debian's virtuoso-opensource"
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends virtuoso-opensource >/dev/null
