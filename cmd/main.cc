#include <cstdio>

#include "cmd/allocator.h"
#include "cmd/commands.h"

int main(int argc, char** argv) {
  sanshen::cmd::tune_allocator();
  CLI::App app{"sanshen (三审): 只发布经过完整三审签名与内容检查的政府网站页面"};
  app.set_version_flag("--version", SANSHEN_VERSION);
  app.require_subcommand(1);
  std::vector<std::pair<CLI::App*, sanshen::cmd::Runner>> commands;
  auto add = [&](sanshen::cmd::Runner run) {
    commands.emplace_back(app.get_subcommands({}).back(), std::move(run));
  };
  add(sanshen::cmd::add_build_command(app));
  add(sanshen::cmd::add_check_command(app));
  add(sanshen::cmd::add_verify_command(app));
  add(sanshen::cmd::add_diff_command(app));
  add(sanshen::cmd::add_form_command(app));
  add(sanshen::cmd::add_status_command(app));
  add(sanshen::cmd::add_review_command(app));
  add(sanshen::cmd::add_manifest_command(app));
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // CLI11 uses exit code 0 for --help; usage errors are fatal-class (2).
    int rc = app.exit(e);
    return rc == 0 ? 0 : 2;
  }
  for (auto& [sub, run] : commands)
    if (sub->parsed()) return run();
  return 2;
}
