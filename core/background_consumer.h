// One consumer thread fed through a bounded queue: a producer (the site renderer) hands items
// over and goes on while they are processed (hashed and written).
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>

#include "core/result.h"

namespace sanshen {

template <typename T>
class BackgroundConsumer {
 public:
  // `consume` runs on the consumer thread, in push order; its first error stops consumption and
  // is returned by the following push() and by finish().
  explicit BackgroundConsumer(std::function<Status(T)> consume,
                              std::size_t max_queued_bytes = 16 << 20)
      : consume_(std::move(consume)), limit_(max_queued_bytes), thread_([this] { run(); }) {}
  BackgroundConsumer(const BackgroundConsumer&) = delete;
  BackgroundConsumer& operator=(const BackgroundConsumer&) = delete;
  ~BackgroundConsumer() { (void)finish(); }

  // Blocks while `bytes` more would exceed the limit (so memory stays bounded).
  Status push(T item, std::size_t bytes) {
    std::unique_lock lock(mutex_);
    room_.wait(lock,
               [&] { return error_ || queued_bytes_ == 0 || queued_bytes_ + bytes <= limit_; });
    if (error_) return *error_;
    queue_.emplace_back(std::move(item), bytes);
    queued_bytes_ += bytes;
    ready_.notify_one();
    return ok_status();
  }

  // Waits until everything pushed is consumed; the first error, if any.
  Status finish() {
    {
      std::lock_guard lock(mutex_);
      closed_ = true;
      ready_.notify_one();
    }
    if (thread_.joinable()) thread_.join();
    if (error_) return *error_;
    return ok_status();
  }

 private:
  void run() {
    for (;;) {
      std::unique_lock lock(mutex_);
      ready_.wait(lock, [&] { return closed_ || !queue_.empty(); });
      if (queue_.empty()) return;
      auto [item, bytes] = std::move(queue_.front());
      queue_.pop_front();
      const bool failed = error_.has_value();
      lock.unlock();
      std::optional<Error> error;
      if (!failed) {
        if (auto s = consume_(std::move(item)); !s) error = s.error();
      }
      lock.lock();
      queued_bytes_ -= bytes;
      if (error && !error_) error_ = std::move(error);
      room_.notify_one();
    }
  }

  std::function<Status(T)> consume_;
  const std::size_t limit_;
  std::mutex mutex_;
  std::condition_variable ready_, room_;
  std::deque<std::pair<T, std::size_t>> queue_;
  std::size_t queued_bytes_ = 0;
  bool closed_ = false;
  std::optional<Error> error_;
  std::thread thread_;  // last: started once everything above is initialized
};

}  // namespace sanshen
