#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <memory>
#include <string>

#include "cmd/commands.h"
#include "core/gate.h"
#include "core/review_form.h"

namespace sanshen::cmd {
namespace {

struct FormArgs {
  GateOptions gate;
  std::string path;
  std::string out;  // empty: stdout
};

}  // namespace

Runner add_form_command(CLI::App& app) {
  auto* sub = app.add_subcommand("form", "打印页面的审签表（HTML，可打印）(the page's review form as printable HTML)");
  auto a = std::make_shared<FormArgs>();
  sub->add_option("path", a->path, "页面源文件，如 content/tzgg/notice.md (page source path)")->required();
  sub->add_option("--repo", a->gate.repo_path, "内容仓库 (content repository)")->capture_default_str();
  sub->add_option("--rev", a->gate.rev, "修订版本 (revision)")->capture_default_str();
  sub->add_option("--out", a->out, "写入文件而非标准输出 (write to a file instead of stdout)");
  sub->add_option("--introduction", a->gate.introduction,
                  "信任起点 <提交>:<指纹> (trust anchor commit:fingerprint; or SANSHEN_INTRODUCTION)");
  sub->add_flag("--insecure-no-introduction", a->gate.insecure_no_introduction,
                "不验证信任起点（审签表中注明）(no introduction; the form says so)");

  return [a]() {
    GateOptions o = a->gate;
    if (o.introduction.empty()) {
      if (const char* env = std::getenv("SANSHEN_INTRODUCTION")) o.introduction = env;
    }
    o.now = std::time(nullptr);
    if (const char* sde = std::getenv("SOURCE_DATE_EPOCH")) o.now = std::atoll(sde);
    FileSystem& fs = real_file_system();
    NullReporter reporter;
    auto gate = Gate::open(o, fs, reporter);
    if (!gate) {
      std::fprintf(stderr, "%s\n", gate.error().describe().c_str());
      return 2;
    }
    auto html = review_form(**gate, a->path);
    if (!html) {
      std::fprintf(stderr, "%s\n", html.error().describe().c_str());
      return 2;
    }
    // A cache that cannot be written only costs the next run time.
    (void)(*gate)->save_cache(fs);
    if (a->out.empty()) {
      std::fputs(html->c_str(), stdout);
      return 0;
    }
    if (auto s = fs.write_file(a->out, *html); !s) {
      std::fprintf(stderr, "%s\n", s.error().describe().c_str());
      return 2;
    }
    return 0;
  };
}

}  // namespace sanshen::cmd
