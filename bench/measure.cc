// bench/measure <result file> <command> [args…]: runs the command and writes one line,
// "<wall s> <user s> <sys s> <peak RSS KiB>", to the result file. Wall time runs from just
// before the command is spawned to just after it is reaped; CPU and peak RSS come from that
// child's own rusage (wait4), as GNU time reports them. bench/run.sh used bash's clock around
// /usr/bin/time, which also counted a fork of bash and the start of time itself, 5–9 ms that
// belong to neither tool: a third of a 1,000-page no-op build.
// Exits with the command's status (128 + signal when it was killed, 127 when it cannot start).
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

extern char** environ;

namespace {

double seconds(const timeval& t) { return static_cast<double>(t.tv_sec) + t.tv_usec / 1e6; }

double elapsed(const timespec& from, const timespec& to) {
  return static_cast<double>(to.tv_sec - from.tv_sec) + (to.tv_nsec - from.tv_nsec) / 1e9;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: measure <result file> <command> [args...]\n");
    return 2;
  }
  timespec start{}, end{};
  clock_gettime(CLOCK_MONOTONIC, &start);
  pid_t pid = 0;
  if (int e = posix_spawnp(&pid, argv[2], nullptr, nullptr, argv + 2, environ); e != 0) {
    std::fprintf(stderr, "measure: cannot run %s: %s\n", argv[2], std::strerror(e));
    return 127;
  }
  int status = 0;
  rusage usage{};
  while (wait4(pid, &status, 0, &usage) < 0) {
    if (errno != EINTR) {
      std::fprintf(stderr, "measure: wait4: %s\n", std::strerror(errno));
      return 2;
    }
  }
  clock_gettime(CLOCK_MONOTONIC, &end);
  std::FILE* out = std::fopen(argv[1], "w");
  if (!out ||
      std::fprintf(out, "%.6f %.3f %.3f %ld\n", elapsed(start, end), seconds(usage.ru_utime),
                   seconds(usage.ru_stime), usage.ru_maxrss) < 0 ||
      std::fclose(out) != 0) {
    std::fprintf(stderr, "measure: cannot write %s\n", argv[1]);
    return 2;
  }
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return WEXITSTATUS(status);
}
