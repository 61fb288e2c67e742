#!/usr/bin/env bash
# Installs dependencies, builds, and runs the example programs (the main job until the model
# path lands: then it converts the bundled model with atc and runs it).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh -DACLSIM_BUILD_TESTS=OFF
for example in build/examples/*; do
  [ -f "$example" ] && [ -x "$example" ] || continue
  echo "== $(basename "$example")"
  "$example"
done
