#!/usr/bin/env bash
# Runs the README's SDK snippets (examples/openai_speech.mjs with the official OpenAI Node SDK,
# examples/openai_speech.py with the official Python SDK) against a real server on the tiny model,
# and decodes every file they wrote with ffmpeg at the rate the format promises.
# Usage: examples/check-sdk-clients.sh [path/to/supertonic-server.jar]
# Needs node/npm, python3 with venv, ffmpeg; the SDKs are installed into temporary places.
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
python3 -m venv "$work/venv"
"$work/venv/bin/pip" install -q openai
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

check_dir() {
  local client="$1" dir="$2"
  for file in "$dir"/speech.*; do
    format="${file##*.}"
    if [ "$format" = pcm ]; then
      args=(-f s16le -ar 24000 -ac 1)   # OpenAI's pcm: 24 kHz 16-bit mono, no header
    else
      args=()
    fi
    rate="$(ffprobe -v error "${args[@]}" -show_entries stream=sample_rate -of csv=p=0 "$file")"
    # The duration of what decodes (a live FLAC or WAV header cannot know its length in advance).
    bytes="$(ffmpeg -v error "${args[@]}" -i "$file" -f s16le -ac 1 - | wc -c)" \
      || { echo "$client $format: ffmpeg cannot decode it" >&2; exit 1; }
    seconds="$(awk -v b="$bytes" -v r="$rate" 'BEGIN { printf "%.3f", b / 2 / r }')"
    echo "$client $format: ${seconds}s at ${rate} Hz, decoded"
    awk -v s="$seconds" 'BEGIN { exit !(s > 1.0) }' || { echo "$client $format: too short ($seconds s)" >&2; exit 1; }
  done
}

mkdir "$work/node" "$work/python"
node "$examples/openai_speech.mjs" "http://127.0.0.1:$port/v1" "$work/node"
check_dir node "$work/node"
"$work/venv/bin/python" "$examples/openai_speech.py" "http://127.0.0.1:$port/v1" "$work/python"
check_dir python "$work/python"
echo "OpenAI Node and Python SDKs: all six formats decoded"
