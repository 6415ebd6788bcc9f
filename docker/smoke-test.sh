#!/usr/bin/env bash
# Checks what docker/build.sh produced the way the image uses it, without a Docker engine:
# the entry point starts the server from the built jar on the tiny model, the HEALTHCHECK script
# sees it healthy, and the CUDA check fails with its explanation where no GPU is present.
# Usage: docker/smoke-test.sh DIR   (DIR holds target/ from docker/build.sh)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
dir="$(cd "${1:?usage: smoke-test.sh DIR}" && pwd)"
export SUPERTONIC_APP_DIR="$dir/target"
work="$(mktemp -d)"
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

SUPERTONIC_DEVICE=cpu "$here/entrypoint.sh" --version
SUPERTONIC_DEVICE=cpu "$here/entrypoint.sh" check-device --device cpu
SUPERTONIC_DEVICE=cpu "$here/entrypoint.sh" tiny-model --out "$work/tiny" >/dev/null

if ! command -v nvidia-smi >/dev/null 2>&1; then
  if SUPERTONIC_DEVICE=cuda SUPERTONIC_MODEL_DIR="$work/tiny" "$here/entrypoint.sh" 2>"$work/cuda.err"; then
    echo "smoke-test: the CUDA check passed on a machine without nvidia-smi" >&2; exit 1
  fi
  grep -q -- "--gpus all" "$work/cuda.err" || { cat "$work/cuda.err" >&2; exit 1; }
  echo "CUDA check without a GPU: refused with an explanation (ok)"
fi

port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
export SUPERTONIC_PORT="$port"
SUPERTONIC_DEVICE=cpu "$here/entrypoint.sh" --model-dir "$work/tiny" --host 127.0.0.1 \
  --no-warmup --log-level warning >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 120); do
  if "$here/healthcheck.sh" 2>/dev/null; then echo "healthcheck: healthy on port $port"; exit 0; fi
  kill -0 "$server_pid" 2>/dev/null || break
  sleep 0.5
done
echo "smoke-test: the server never became healthy" >&2
cat "$work/server.log" >&2
exit 1
