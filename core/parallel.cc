#include "core/parallel.h"

#include <atomic>
#include <thread>
#include <vector>

namespace sanshen {

void parallel_for(std::size_t n, int jobs, const std::function<void(std::size_t, int)>& fn) {
  if (jobs <= 1 || n <= 1) {
    for (std::size_t i = 0; i < n; ++i) fn(i, 0);
    return;
  }
  // Items are handed out one at a time: page costs vary a lot, so static slices would idle.
  std::atomic<std::size_t> next{0};
  auto work = [&](int worker) {
    for (std::size_t i; (i = next.fetch_add(1)) < n;) fn(i, worker);
  };
  std::vector<std::thread> threads;
  for (int w = 1; w < jobs; ++w) threads.emplace_back(work, w);
  work(0);
  for (auto& t : threads) t.join();
}

}  // namespace sanshen
