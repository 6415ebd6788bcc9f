#!/usr/bin/env bash
# Runs examples/openai_speech.mjs (the README's Node snippet) with the official OpenAI Node SDK
# against a real server on the tiny model, and decodes every file it wrote with ffprobe.
# Usage: examples/check-node-sdk.sh [path/to/supertonic-server.jar]   (needs node, npm, ffprobe)
set -euo pipefail
examples="$(cd "$(dirname "$0")" && pwd)"
jar="$(cd "$(dirname "${1:-$examples/../target/supertonic-server.jar}")" && pwd)/$(basename "${1:-supertonic-server.jar}")"
work="$(mktemp -d)"
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

(cd "$examples" && npm install --silent --no-audit --no-fund)
java -jar "$jar" tiny-model --out "$work/tiny" >/dev/null
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
java -jar "$jar" --model-dir "$work/tiny" --host 127.0.0.1 --port "$port" --no-warmup \
  --log-level warning >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 120); do
  curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$work/server.log" >&2; exit 1; }
  sleep 0.5
done

mkdir "$work/out"
node "$examples/openai_speech.mjs" "http://127.0.0.1:$port/v1" "$work/out"
for file in "$work"/out/speech.*; do
  format="${file##*.}"
  if [ "$format" = pcm ]; then
    args=(-f s16le -ar 24000 -ac 1)   # OpenAI's pcm: 24 kHz 16-bit mono, no header
  else
    args=()
  fi
  seconds="$(ffprobe -v error "${args[@]}" -show_entries format=duration -of csv=p=0 "$file")"
  decoded="$(ffmpeg -v error "${args[@]}" -i "$file" -f null - 2>&1 && echo ok)"
  echo "$format: ${seconds}s decoded: $decoded"
  [ "$decoded" = ok ] || exit 1
  awk -v s="$seconds" 'BEGIN { exit !(s > 1.0) }' || { echo "$format: too short ($seconds s)" >&2; exit 1; }
done
echo "OpenAI Node SDK: every format decoded"
