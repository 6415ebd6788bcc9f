#!/usr/bin/env bash
# Installs the native libraries the server loads through JNA (audio encoders) and, with
# --create-user, the unprivileged account the images run as. Run as root on Debian or Ubuntu.
# The Dockerfiles run it; .ci/run runs it without --create-user so a package that no longer
# exists fails CI, not the first image build.
#   --java        also install a headless Java 17 runtime (the CUDA base image has none)
#   --create-user create user "supertonic" (uid 10001) with its model cache directory
set -euo pipefail

want_java=0
create_user=0
for arg in "$@"; do
  case "$arg" in
    --java) want_java=1 ;;
    --create-user) create_user=1 ;;
    *) echo "usage: install-runtime-deps.sh [--java] [--create-user]" >&2; exit 2 ;;
  esac
done

export DEBIAN_FRONTEND=noninteractive
apt-get update -q

# Package names differ between Debian 12, Ubuntu 22.04 and Ubuntu 24.04 (library soname
# versions and the t64 rename): take the first name the distribution knows.
first_available() {
  for name in "$@"; do
    if apt-cache show "$name" >/dev/null 2>&1; then echo "$name"; return 0; fi
  done
  echo "none of these packages exists here: $*" >&2
  return 1
}

packages=(
  "$(first_available libmp3lame0)"                                     # mp3 (LAME)
  "$(first_available libopusenc0)"                                     # opus (Ogg Opus)
  "$(first_available libflac12t64 libflac12 libflac8)"                 # flac
  "$(first_available ffmpeg)"                                          # aac (ffmpeg subprocess)
)
if [ "$want_java" = 1 ]; then
  packages+=("$(first_available openjdk-17-jre-headless)")
fi

apt-get install -y -q --no-install-recommends "${packages[@]}"
rm -rf /var/lib/apt/lists/*

if [ "$create_user" = 1 ]; then
  if ! id supertonic >/dev/null 2>&1; then
    useradd --system --uid 10001 --user-group --create-home --home-dir /home/supertonic \
      --shell /usr/sbin/nologin supertonic
  fi
  # The model cache is a volume; Docker copies this directory's owner into a new named volume.
  install -d -o supertonic -g supertonic /home/supertonic/.cache
fi
echo "Installed: ${packages[*]}"
