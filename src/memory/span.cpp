#include "memory/span.h"

namespace aclsim::detail {

Span::Span(uint32_t cls)
    : size_class(cls),
      blocks(BlocksPerSpan(cls)),
      block_bytes(ClassBytes(cls)),
      span_bytes(SpanBytes(cls)),
      index_magic((uint64_t{1} << 48) / ClassBytes(cls) + 1),
      states(new StateLine[(BlocksPerSpan(cls) + 7) / 8]) {
  for (uint32_t i = 0; i < (blocks + 7) / 8 * 8; ++i) state(i).store(0, std::memory_order_relaxed);
  free_blocks.reserve(blocks);
}

}  // namespace aclsim::detail
