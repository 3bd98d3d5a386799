#include "cmd/allocator.h"

#ifdef SANSHEN_WITH_MIMALLOC
#include <mimalloc.h>
#endif

namespace sanshen::cmd {

void tune_allocator() {
#ifdef SANSHEN_WITH_MIMALLOC
  // 2 MiB pages (transparent huge pages where the kernel allows them): a build touches a few
  // hundred MiB of fresh heap, and on virtual machines every 4 KiB page fault is expensive.
  // 10,000-page build: 10 % less wall time for ~25 MiB more peak.
  mi_option_set(mi_option_large_os_pages, 1);
#endif
}

}  // namespace sanshen::cmd
