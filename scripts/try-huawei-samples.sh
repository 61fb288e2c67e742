#!/usr/bin/env bash
# Builds Huawei's public DVPP samples (github.com/Ascend/samples,
# cplusplus/level2_simple_inference/0_data_process) unchanged against an aclsim install, runs each
# on generated inputs (the samples download theirs) and checks its output files against references
# computed without aclsim (tests/samples/sample_data.cpp). The samples are copied to a temporary
# folder; nothing of them enters this tree.
#
#   bash scripts/try-huawei-samples.sh [--record] PATH/TO/Ascend-samples [BUILD_DIR] [SAMPLE...]
#
# BUILD_DIR (default: build) must have been built with tests on (it provides aclsim_sample_data).
# Prints one line per sample and exits non-zero if any sample fails to build, run or match.
# --record writes the results into src/api/samples_tried.inc, which docs/compatibility.md lists
# (then regenerate it: cmake --build build --target compat_doc).
set -uo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
record=false
if [ "${1:-}" = --record ]; then
  record=true
  shift
fi
samples_root=${1:?usage: try-huawei-samples.sh [--record] PATH/TO/Ascend-samples [BUILD_DIR] [SAMPLE...]}
build=$(cd "${2:-$repo/build}" && pwd)
shift $(( $# >= 2 ? 2 : 1 ))
wanted=("$@")
[ ${#wanted[@]} -gt 0 ] || wanted=(jpegd jpege resize crop cropandpaste batchcrop smallResolution_cropandpaste vdec venc_image)

source_dir=$samples_root/cplusplus/level2_simple_inference/0_data_process
data_tool=$build/tests/samples/aclsim_sample_data
[ -d "$source_dir" ] || { echo "no $source_dir: give the root of a checkout of Ascend/samples" >&2; exit 2; }
[ -x "$data_tool" ] || { echo "no $data_tool: build $build with -DACLSIM_BUILD_TESTS=ON" >&2; exit 2; }

work=$(mktemp -d /tmp/aclsim-samples.XXXXXX)
prefix=$work/Ascend
cmake --install "$build" --prefix "$prefix" > "$work/install.log" || { echo "install failed: $work/install.log" >&2; exit 2; }
# The variables Huawei's samples read (their READMEs set them from CANN's set_env.sh).
export DDK_PATH=$prefix INSTALL_DIR=$prefix NPU_HOST_LIB=$prefix/runtime/lib64/stub
export LD_LIBRARY_PATH=$prefix/runtime/lib64${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}

failures=0
recorded=()
# report NAME RESULT TEXT: the line printed, and the one --record keeps.
report() {
  printf '%-30s %s: %s\n' "$1" "$2" "$3"
  recorded+=("ACLSIM_SAMPLE(\"cplusplus/level2_simple_inference/0_data_process/$1\", \"$2\", \"${3//\"/\'}\")")
}

# build NAME: copies the sample and builds it the way its scripts do; the binary is $work/NAME/out/main.
build_sample() {
  local name=$1 dir=$work/$1
  cp -r "$source_dir/$name" "$dir" && mkdir -p "$dir/build/intermediates/host" "$dir/data" "$dir/out/output" &&
    (cd "$dir/build/intermediates/host" && cmake "$dir/src" -DCMAKE_CXX_COMPILER=g++ -DCMAKE_SKIP_RPATH=TRUE &&
      make -j2) > "$dir/build.log" 2>&1
}

# run NAME ARGS...: runs the sample from its out/ folder, as its scripts do.
run_sample() {
  local name=$1
  shift
  (cd "$work/$name/out" && ./main "$@") > "$work/$name/run.log" 2>&1
}

# compare ...: aclsim_sample_data compare-nv12, its verdict line kept for the report.
compare() { verdict=$("$data_tool" compare-nv12 "$@"); }

check_sample() {
  local name=$1 d=$work/$1 out=$work/$1/out
  case $name in
    jpegd)
      checked="1024x683 JPEG to NV12, against libjpeg-turbo's own decode"
      "$data_tool" image 1024 683 "$d/data/dog1_1024_683.jpg" &&
        "$data_tool" jpeg-to-nv12 "$d/data/dog1_1024_683.jpg" "$work/jpegd_ref.yuv" > /dev/null &&
        run_sample jpegd ../data/dog1_1024_683.jpg || return 1
      # Output strides on Ascend310P3 (aclsim's default SoC): width to 64, height to 16.
      compare "$(ls "$out"/output/*.yuv)" 1024 688 0 0 "$work/jpegd_ref.yuv" 1024 683 0 0 1024 682 40 ;;
    jpege)
      checked="1024x688 NV12 to JPEG, decoded again by libjpeg-turbo, against the input"
      "$data_tool" image 1024 688 "$d/data/dvpp_output.yuv" && run_sample jpege ../data/dvpp_output.yuv 1024 688 || return 1
      "$data_tool" jpeg-to-nv12 "$(ls "$out"/output/*.jpg)" "$work/jpege_dec.yuv" > /dev/null || return 1
      compare "$work/jpege_dec.yuv" 1024 688 0 0 "$d/data/dvpp_output.yuv" 1024 688 0 0 1024 688 35 ;;
    resize)
      checked="1920x1080 NV12 to 224x224, against a plain bilinear; luma bounded (where a resized chroma sample sits is undocumented)"
      "$data_tool" image 1920 1080 "$d/data/wood_rabbit_1024_1068_nv12.yuv" &&
        run_sample resize ../data/wood_rabbit_1024_1068_nv12.yuv 1920 1080 ./output/output.yuv 224 224 &&
        "$data_tool" resize-nv12 "$d/data/wood_rabbit_1024_1068_nv12.yuv" 1920 1080 0 0 1920 1080 224 224 "$work/resize_ref.yuv" ||
        return 1
      compare "$out/output/output.yuv" 224 224 0 0 "$work/resize_ref.yuv" 224 224 0 0 224 224 40:luma ;;
    crop)
      checked="224x224 at (350, 280) of 1024x1068, byte-exact"
      "$data_tool" image 1024 1068 "$d/data/wood_rabbit_1024_1068_nv12.yuv" &&
        run_sample crop ../data/wood_rabbit_1024_1068_nv12.yuv 1024 1068 ./output/output.yuv 350 280 224 224 || return 1
      compare "$out/output/output.yuv" 224 224 0 0 "$d/data/wood_rabbit_1024_1068_nv12.yuv" 1024 1068 350 280 224 224 exact ;;
    cropandpaste)
      checked="200x200 at (512, 512) pasted at (16, 0) of 224x224, byte-exact"
      "$data_tool" image 1024 1068 "$d/data/wood_rabbit_1024_1068_nv12.yuv" &&
        run_sample cropandpaste ../data/wood_rabbit_1024_1068_nv12.yuv 1024 1068 ./output/output.yuv 224 224 || return 1
      compare "$out/output/output.yuv" 224 224 16 0 "$d/data/wood_rabbit_1024_1068_nv12.yuv" 1024 1068 512 512 200 200 exact ;;
    batchcrop)
      checked="eight 224x224 crops of 1920x1080, byte-exact"
      "$data_tool" image 1920 1080 "$d/data/dvpp_vpc_1920x1080_nv12.yuv" && run_sample batchcrop || return 1
      local i=0 area
      for area in "20 20" "30 200" "100 300" "200 400" "0 600" "230 350" "600 188" "500 600"; do
        # shellcheck disable=SC2086
        compare "$out/cropName$i" 224 224 0 0 "$d/data/dvpp_vpc_1920x1080_nv12.yuv" 1920 1080 $area 224 224 exact ||
          { verdict="cropName$i: $verdict"; return 1; }
        i=$((i + 1))
      done
      verdict="8 crops identical" ;;
    smallResolution_cropandpaste)
      checked="a 6x6 area enlarged to 224x224 in two VPC steps, against a one-step bilinear"
      "$data_tool" image 1920 1080 "$d/data/dvpp_vpc_1920x1080_nv12.yuv" &&
        run_sample smallResolution_cropandpaste --inImgName ../data/dvpp_vpc_1920x1080_nv12.yuv --inFormat 1 \
          --inWidth 1920 --inHeight 1080 --cLeftOffset 0 --cRightOffset 5 --cTopOffset 0 --cBottomOffset 5 \
          --outImgName output_224_224.yuv --outFormat 1 --outWidth 224 --outHeight 224 --pLeftOffset 0 \
          --pRightOffset 223 --pTopOffset 0 --pBottomOffset 223 &&
        "$data_tool" resize-nv12 "$d/data/dvpp_vpc_1920x1080_nv12.yuv" 1920 1080 0 0 6 6 224 224 "$work/small_ref.yuv" ||
        return 1
      compare "$(find "$out" -name 'output_224_224*.yuv' | head -1)" 224 224 0 0 "$work/small_ref.yuv" 224 224 0 0 224 224 30 ;;
    vdec)
      checked="one H.265 1280x720 frame sent ten times, each picture against libavcodec's decode"
      "$data_tool" video h265 1280 720 1 "$d/data/vdec_h265_1frame_rabbit_1280x720.h265" &&
        "$data_tool" video-to-nv12 "$d/data/vdec_h265_1frame_rabbit_1280x720.h265" "$work/vdec_ref" > /dev/null &&
        run_sample vdec || return 1
      local frames
      frames=$(ls "$out"/output/image*.yuv 2> /dev/null | wc -l)
      [ "$frames" -eq 10 ] || { verdict="$frames frames written, 10 expected"; return 1; }
      for f in "$out"/output/image*.yuv; do
        compare "$f" 1280 720 0 0 "$work/vdec_ref1.yuv" 1280 720 0 0 1280 720 exact || { verdict="$(basename "$f"): $verdict"; return 1; }
      done
      verdict="10 frames identical to libavcodec's" ;;
    venc_image)
      checked="128x128 NV12 pictures to H.265, decoded again by libavcodec, against the input"
      "$data_tool" image 128 128 "$d/data/dvpp_venc_128x128_nv12.yuv" && run_sample venc_image || return 1
      local count
      count=$("$data_tool" video-to-nv12 "$out/output/dvpp_venc_128x128.h265" "$work/venc_dec") || return 1
      [ "$count" -ge 1 ] || { verdict="no frame decoded"; return 1; }
      compare "$work/venc_dec1.yuv" 128 128 0 0 "$d/data/dvpp_venc_128x128_nv12.yuv" 128 128 0 0 128 128 35 ||
        return 1
      verdict="$count frames; first: $verdict" ;;
    *) verdict="no check written for this sample"; return 1 ;;
  esac
}

for name in "${wanted[@]}"; do
  verdict="" checked=""
  if ! build_sample "$name"; then
    report "$name" "does not build" "see $work/$name/build.log"
  elif ! check_sample "$name"; then
    report "$name" "fails" "$checked: ${verdict:-see $work/$name/run.log}"
  else
    report "$name" "works" "$checked: $verdict"
    continue
  fi
  failures=$((failures + 1))
done
echo "work folder: $work"
if $record; then
  {
    echo "// Written by scripts/try-huawei-samples.sh --record (Huawei's public samples, built unchanged"
    echo "// against an aclsim install, run on generated inputs, outputs checked against references made"
    echo "// without aclsim); docs/compatibility.md lists them. ACLSIM_SAMPLE(path in Ascend/samples, result, check)"
    printf '%s\n' "${recorded[@]}"
  } > "$repo/src/api/samples_tried.inc"
  echo "recorded in src/api/samples_tried.inc"
fi
exit $((failures > 0))
