// The `sanshen` executable. It answers a `build` that has nothing to do itself, from the build
// cache and the ref files, and hands every other command line unchanged to sanshen-engine
// beside it. Why two programs: the engine loads libgit2, OpenSSL, ICU, Hyperscan and thirty
// more libraries, and on a 2-core VM starting it costs ~17 ms before main, more than a whole
// 1,000-page no-op may take (design §9; docs/performance.md). This one is linked statically
// and loads no library at all.
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string_view>

#include "cmd/build_flags.h"
#include "core/build_cache.h"
#include "core/executable_dir.h"

namespace {

using namespace sanshen;

// Ends the process when this is a build with nothing to do; returns when the engine has to
// run (other work, a flag to report on, a cache to discard, a manifest to sign).
void answer_if_no_op(int argc, char** argv) {
  CLI::App app;
  auto flags = cmd::add_build_flags(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError&) {
    return;
  }
  auto options = cmd::build_options_of(*flags);
  if (!options || !flags->sign_key.empty()) return;
  FileSystem& fs = real_file_system();
  const BuildCache cache = BuildCache::load_for(fs, *options);
  std::string key;
  auto previous = cache.up_to_date_at_ref_files(fs, *options, key);
  if (!previous) return;
  const int code = cmd::report_build(*previous, *options, *flags);
  // Without the destructors: freeing the result's thousands of strings one by one cost 1–3 ms,
  // a tenth of the whole answer.
  std::fflush(stdout);
  std::_Exit(code);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc > 1 && std::string_view(argv[1]) == "build") answer_if_no_op(argc, argv);
  auto engine = beside_executable("sanshen-engine");
  if (engine) {
    execv(engine->c_str(), argv);
    engine = make_error("config.invalid", std::string("无法启动 (cannot start) ") + *engine + ": " +
                                              std::strerror(errno));
  }
  std::fprintf(stderr, "%s [%s]\n", engine.error().message.c_str(), engine.error().rule.c_str());
  return 2;
}
