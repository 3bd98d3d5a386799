#include <cstdio>
#include <memory>
#include <string>

#include "cmd/commands.h"
#include "core/envelope.h"
#include "core/manifest_diff.h"

namespace sanshen::cmd {
namespace {

// A manifest given as its DSSE envelope is read through the envelope's payload; diff is for
// release notes, so it does not check signatures (verify --key does).
Result<Manifest> read_manifest(const std::string& path) {
  auto text = real_file_system().read_file(path);
  if (!text) return text.error();
  if (looks_like_envelope(*text)) {
    auto payload = dsse_payload(*text);
    if (!payload) return payload.error();
    return parse_manifest(*payload, path);
  }
  return parse_manifest(*text, path);
}

}  // namespace

Runner add_diff_command(CLI::App& app) {
  auto* sub = app.add_subcommand("diff", "比较两份溯源清单：新增、修改、下线的页面及其审核 (release notes)");
  auto old_path = std::make_shared<std::string>();
  auto new_path = std::make_shared<std::string>();
  auto format = std::make_shared<std::string>("text");
  sub->add_option("old", *old_path, "旧清单 (old manifest)")->required();
  sub->add_option("new", *new_path, "新清单 (new manifest)")->required();
  sub->add_option("--format", *format, "输出格式 (output format)")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();

  return [old_path, new_path, format]() {
    auto before = read_manifest(*old_path);
    if (!before) {
      std::fprintf(stderr, "%s\n", before.error().describe().c_str());
      return 2;
    }
    auto after = read_manifest(*new_path);
    if (!after) {
      std::fprintf(stderr, "%s\n", after.error().describe().c_str());
      return 2;
    }
    ManifestDiff d = diff_manifests(*before, *after);
    std::fputs((*format == "json" ? manifest_diff_json(d) : manifest_diff_text(d)).c_str(), stdout);
    return 0;
  };
}

}  // namespace sanshen::cmd
