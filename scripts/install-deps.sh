#!/usr/bin/env bash
# Installs aclsim's build and test dependencies from Debian 12 packages.
# Idempotent: packages already present are skipped, and apt is only asked when something is missing.
set -euo pipefail

packages=(
  build-essential cmake pkg-config ninja-build python3 clang
  libeigen3-dev libfmt-dev libspdlog-dev nlohmann-json3-dev
  libgtest-dev libgmock-dev libbenchmark-dev zlib1g-dev libxxhash-dev libopenblas-dev
  libprotobuf-dev libonnx-dev libonnx-testdata python3-onnx python3-numpy
  libjpeg62-turbo-dev libturbojpeg0-dev libpng-dev libavcodec-dev libavutil-dev libswscale-dev
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

echo "install-deps: installing ${missing[*]}"
sudo_cmd=()
[ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
