// Progress on stderr, only when stderr is a terminal (CI logs stay clean).
#pragma once

#include "core/reporter.h"

namespace sanshen::cmd {

class TerminalReporter final : public Reporter {
 public:
  TerminalReporter();
  ~TerminalReporter() override;
  void progress(std::string_view stage, std::size_t done, std::size_t total) override;
  void note(std::string_view message) override;

 private:
  bool tty_;
  bool line_open_ = false;
};

}  // namespace sanshen::cmd
