#include <cstdio>
#include <optional>

#include "cmd/build_flags.h"
#include "cmd/commands.h"
#include "cmd/terminal_reporter.h"
#include "core/build.h"
#include "core/envelope.h"

namespace sanshen::cmd {

Runner add_build_command(CLI::App& app) {
  auto flags = add_build_flags(app);
  return [flags]() {
    auto options = build_options_of(*flags);
    if (!options) {
      std::fprintf(stderr, "%s [%s]\n", options.error().message.c_str(),
                   options.error().rule.c_str());
      return 2;
    }
    const BuildOptions& o = *options;
    // The key is read before building, so a bad key fails the build before anything is written.
    std::optional<Ed25519Key> key;
    if (!read_sign_key(flags->sign_key, key)) return 2;
    TerminalReporter reporter;
    BuildResult result = run_build(o, real_file_system(), reporter);
    if (key && !result.fatal && o.shard_state_path.empty()) {
      auto envelope = sign_manifest_file(real_file_system(), o.manifest_path, *key);
      if (!envelope) result.fatal = envelope.error();
    }
    return report_build(result, o, *flags);
  };
}

bool read_sign_key(const std::string& path, std::optional<Ed25519Key>& key) {
  if (path.empty()) return true;
  auto text = real_file_system().read_file(path);
  auto parsed = text ? parse_ed25519_private_key(*text) : Result<Ed25519Key>(text.error());
  if (!parsed) {
    std::fprintf(stderr, "签名密钥无效 (bad --sign-key) %s: %s\n", path.c_str(),
                 parsed.error().describe().c_str());
    return false;
  }
  key = std::move(*parsed);
  return true;
}

}  // namespace sanshen::cmd
