#include "cmd/terminal_reporter.h"

#include <unistd.h>

#include <cstdio>
#include <string>

namespace sanshen::cmd {

TerminalReporter::TerminalReporter() : tty_(isatty(STDERR_FILENO) != 0) {}

TerminalReporter::~TerminalReporter() {
  if (line_open_) std::fputc('\n', stderr);
}

void TerminalReporter::progress(std::string_view stage, std::size_t done, std::size_t total) {
  if (!tty_) return;
  std::fprintf(stderr, "\r%.*s %zu/%zu", static_cast<int>(stage.size()), stage.data(), done, total);
  line_open_ = done < total;
  if (!line_open_) std::fputc('\n', stderr);
}

void TerminalReporter::note(std::string_view message) {
  if (line_open_) std::fputc('\n', stderr);
  line_open_ = false;
  std::fprintf(stderr, "%.*s\n", static_cast<int>(message.size()), message.data());
}

}  // namespace sanshen::cmd
