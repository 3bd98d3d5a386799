// Process-wide allocator settings, made before any work starts.
#pragma once

namespace sanshen::cmd {

void tune_allocator();

}  // namespace sanshen::cmd
