#!/usr/bin/env bash
# HEALTHCHECK: exits 0 when GET /healthz answers 200. Uses bash's /dev/tcp so the image needs
# neither curl nor wget. Port from SUPERTONIC_PORT (default 8000).
set -uo pipefail
port="${SUPERTONIC_PORT:-8000}"
exec 3<>"/dev/tcp/127.0.0.1/$port" || exit 1
printf 'GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n' >&3
status_line=""
IFS= read -r -t 5 status_line <&3 || true
exec 3<&-
case "$status_line" in
  "HTTP/1.1 200"*) exit 0 ;;
  *) echo "healthz: ${status_line:-no answer}" >&2; exit 1 ;;
esac
