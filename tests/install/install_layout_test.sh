#!/usr/bin/env bash
# install_layout_test.sh BUILD_DIR CONSUMER_DIR: installs the build into a fresh prefix, then
# builds and runs the consumer program in every CANN build convention, plus pkg-config.
set -euo pipefail
build_dir=$1
consumer=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cmake --install "$build_dir" --prefix "$work/Ascend/ascend-toolkit/latest" > "$work/install.log"
# shellcheck disable=SC1091
source "$work/Ascend/ascend-toolkit/latest/set_env.sh"

for path in runtime/include/acl/acl.h runtime/lib64/libascendcl.so runtime/lib64/stub/libascendcl.so \
            acllib/include/acl/acl.h acllib/lib64/stub/libascendcl.so include/acl/acl.h atc/include/acl/acl.h \
            compiler/include/acl/acl.h compiler/lib64/stub/libascendcl.so atc/lib64/libascendcl.so \
            lib64/libacl_rt.so lib64/libacl_dvpp.so devlib/libascendcl.so bin set_env.sh; do
  [ -e "$DDK_PATH/$path" ] || { echo "missing in the install tree: $path"; exit 1; }
done

for layout in samples acllib split package; do
  cmake -S "$consumer" -B "$work/build-$layout" -DLAYOUT=$layout > "$work/configure-$layout.log"
  cmake --build "$work/build-$layout" > "$work/build-$layout.log" || { cat "$work/build-$layout.log"; exit 1; }
  out=$("$work/build-$layout/consumer")
  echo "$layout: $out"
  # Every convention must end up depending on the one library.
  readelf -d "$work/build-$layout/consumer" | grep -q 'NEEDED.*\[libascendcl.so\]' ||
    { echo "$layout: the program does not depend on libascendcl.so"; exit 1; }
done

c++ -std=c++17 "$consumer/main.cpp" -o "$work/consumer-pkgconfig" $(pkg-config --cflags --libs ascendcl)
echo "pkg-config: $("$work/consumer-pkgconfig")"
