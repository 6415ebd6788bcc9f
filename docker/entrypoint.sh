#!/usr/bin/env bash
# Image entry point: java with container-aware heap settings, then the server (or any
# sub-command given as arguments). With SUPERTONIC_DEVICE=cuda it first checks that ONNX
# Runtime's CUDA provider really loads, and stops with an explanation when it does not, instead
# of silently serving from the CPU.
set -euo pipefail
app_dir="${SUPERTONIC_APP_DIR:-/app}"
# The launcher bin/supertonic-server holds the JVM's memory settings (a small bounded heap: the
# model and ONNX Runtime's tensors live in native memory); SUPERTONIC_HEAP and JAVA_OPTS adjust them.
# In the image this script is /app/docker/entrypoint.sh and the launcher /app/bin/supertonic-server.
export SUPERTONIC_JAR="$app_dir/supertonic-server.jar"
java=("$(cd "$(dirname "$0")/.." && pwd)/bin/supertonic-server")

# Only when serving (no sub-command): "synth --help" needs no GPU.
first="${1:-}"
if [ "${SUPERTONIC_DEVICE:-auto}" = "cuda" ] && { [ "$#" -eq 0 ] || [ "${first#-}" != "$first" ]; }; then
  if ! "${java[@]}" check-device --device cuda; then
    echo "The CUDA image needs an NVIDIA GPU: run it with 'docker run --gpus all' on a host with the" >&2
    echo "NVIDIA Container Toolkit, or set SUPERTONIC_DEVICE=cpu to run this image on the CPU." >&2
    exit 1
  fi
fi
exec "${java[@]}" "$@"
