// How core tells the outside world about progress without printing: cmd/ decides where it goes.
#pragma once

#include <cstddef>
#include <string_view>

namespace sanshen {

class Reporter {
 public:
  virtual ~Reporter() = default;
  // A long stage advanced: e.g. ("verify", 120, 400).
  virtual void progress(std::string_view stage, std::size_t done, std::size_t total) = 0;
  // Something worth telling the user that is neither a result nor an error.
  virtual void note(std::string_view message) = 0;
};

class NullReporter final : public Reporter {
 public:
  void progress(std::string_view, std::size_t, std::size_t) override {}
  void note(std::string_view) override {}
};

}  // namespace sanshen
