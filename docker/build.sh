#!/usr/bin/env bash
# Builds target/supertonic-server.jar and target/lib with README.md's build command.
# Used by both Dockerfiles' build stage and by .ci/run (from a clean copy of the repository),
# so a build step that breaks the image breaks CI too.
#   docker/build.sh cpu   ONNX Runtime CPU build (small; any architecture)
#   docker/build.sh cuda  onnxruntime_gpu (CUDA 12 / cuDNN 9 providers; Linux x86_64)
# Extra arguments go to Maven (e.g. -o for an offline build from a warm ~/.m2).
set -euo pipefail
cd "$(dirname "$0")/.."

variant="${1:-cpu}"
shift || true
case "$variant" in
  # A -D user property wins over the per-platform profiles that pick the GPU artifact on x64.
  cpu) artifact=onnxruntime ;;
  cuda) artifact=onnxruntime_gpu ;;
  *) echo "usage: docker/build.sh cpu|cuda [maven args...]" >&2; exit 2 ;;
esac

mvn -B -DskipTests -Donnxruntime.artifact="$artifact" "$@" clean package

test -s target/supertonic-server.jar
ls target/lib/"$artifact"-*.jar >/dev/null
echo "Built target/supertonic-server.jar with $artifact ($(du -sh target/lib | cut -f1) of libraries)"
