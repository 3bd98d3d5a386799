// A minimal fork-join loop for the build's independent per-item work (signature checks,
// page decisions, Markdown rendering).
#pragma once

#include <cstddef>
#include <functional>

namespace sanshen {

// Calls fn(index, worker) for every index in [0, n), spread over `jobs` threads; worker is in
// [0, jobs). jobs <= 1 runs inline, in order. fn must not throw.
void parallel_for(std::size_t n, int jobs, const std::function<void(std::size_t, int)>& fn);

}  // namespace sanshen
