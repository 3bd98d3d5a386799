// Content-check throughput (design §9: ≥ 200 MB/s per core with a 20,000-entry word list after
// normalization), measured beside ripgrep's `rg -F -f` on the same input in the same run.
//
//   bench/checks/run.sh [MB]      (builds this file against build/libsanshen_core.a)
//
// The corpus is generated: government-notice sentences, common characters, numbers, dates,
// Markdown headings and links, a little traditional text and full-width ASCII, in pages of
// about 8 KB. Times are CPU seconds (this thread; rg as a child process), so the figures are per
// core even on a loaded machine — what the checker sees in a real build — each the fastest of
// three passes. The word list has 20,000 entries of 2–4 characters, mostly not in the text, as
// real lists are.
#include <sys/resource.h>
#include <sys/wait.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "core/checks/content_checker.h"
#include "core/pattern_scan.h"
#include "core/unicode_text.h"

namespace {

const char* const kPhrases[] = {
    "为深入贯彻落实党中央、国务院决策部署，", "进一步做好政府信息公开工作，",
    "经县人民政府同意，现将有关事项通知如下：", "各乡镇人民政府，县直各有关单位：",
    "要切实加强组织领导，压实工作责任，", "确保各项任务落到实处。", "请结合实际认真贯彻执行。",
    "坚持以人民为中心的发展思想，", "推动经济社会高质量发展，", "全面提升政务服务水平，",
    "强化安全生产监管，", "严格落实森林防火责任制，", "做好春耕生产和农资保供工作，",
    "加快推进乡村振兴，", "持续优化营商环境，", "按照《中华人民共和国政府信息公开条例》规定，",
    "县长孙立出席会议并讲话，", "副县长赵军主持会议。", "会议指出，", "会议强调，",
    "联系电话：0775-1234567。", "附件：", "特此通知。", "层层压实责任，常常检查落实，",
    "2025年3月10日", "第一季度全县地区生产总值完成45.6亿元，同比增长5.2%。",
    "（一）加强统筹协调。", "（二）强化督促检查。", "“高效办成一件事”", "政務公開", "審核發佈",
    "ＡＢＣ１２３", "详见[附件](/static/files/2025-03.pdf)。", "<https://www.gov.cn/zhengce/>",
};
const char kCommon[] =
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过"
    "子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体"
    "制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数"
    "正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题"
    "党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手"
    "角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器"
    "压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具"
    "万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉"
    "林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般"
    "史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派"
    "层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严龙飞";

std::string utf8_at(const char* s, std::size_t i) { return std::string(s + 3 * i, 3); }

std::string make_corpus(std::size_t bytes, std::vector<std::size_t>& page_starts) {
  std::mt19937_64 rng(20250310);
  const std::size_t common = (sizeof(kCommon) - 1) / 3;
  const std::size_t phrases = sizeof(kPhrases) / sizeof(kPhrases[0]);
  std::string out;
  out.reserve(bytes + 16384);
  while (out.size() < bytes) {
    page_starts.push_back(out.size());
    out += "---\ntitle: 关于做好2025年春季森林防火工作的通知\ndate: 2025-03-10 09:00\n---\n\n";
    const std::size_t page_end = out.size() + 6000 + rng() % 4000;
    std::size_t line = 0;
    while (out.size() < page_end) {
      if (rng() % 8 == 0) {
        out += kPhrases[rng() % phrases];
      } else {
        for (int i = 0, n = 4 + static_cast<int>(rng() % 20); i < n; ++i)
          out += utf8_at(kCommon, rng() % common);
        out += rng() % 3 == 0 ? "。" : "，";
      }
      if (++line % 6 == 0) out += rng() % 5 == 0 ? "\n\n## 二、工作要求\n\n" : "\n\n";
    }
    out += "\n";
  }
  return out;
}

std::string make_word_list(std::size_t entries) {
  std::mt19937_64 rng(7);
  const std::size_t common = (sizeof(kCommon) - 1) / 3;
  std::string out = "# generated benchmark list\n";
  for (std::size_t i = 0; i < entries; ++i) {
    const int n = 2 + static_cast<int>(rng() % 3);
    std::string w;
    for (int k = 0; k < n; ++k) w += utf8_at(kCommon, rng() % common);
    if (n == 2) w += utf8_at(kCommon, rng() % common);  // 3+ characters: a real list's length
    out += w + "\n";
  }
  return out;
}

// CPU seconds of this thread: "per core" figures that do not depend on what else the machine
// is running (a shared CI machine often runs builds beside the benchmark).
double cpu_now() {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

double seconds_since(double t0) { return cpu_now() - t0; }

// Every figure is the fastest of kPasses passes: other processes on a shared machine only add
// to a pass's CPU time (shared caches and cores), so the fastest pass is the closest to the
// checker's own cost. rg is timed the same way.
constexpr int kPasses = 3;

template <typename Pass>
double fastest(Pass pass) {
  double best = 1e300;
  for (int i = 0; i < kPasses; ++i) {
    const double t0 = cpu_now();
    pass();
    best = std::min(best, seconds_since(t0));
  }
  return best;
}

double children_cpu() {
  rusage u;
  getrusage(RUSAGE_CHILDREN, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) * 1e-6;
}

}  // namespace

int main(int argc, char** argv) {
  const std::size_t mb = argc > 1 ? std::strtoul(argv[1], nullptr, 10) : 256;
  const std::string dir = argc > 2 ? argv[2] : "/tmp/sanshen-bench-checks";
  std::system(("mkdir -p " + dir).c_str());
  std::vector<std::size_t> pages;
  const std::string corpus = make_corpus(mb << 20, pages);
  pages.push_back(corpus.size());
  const std::string words = make_word_list(20000);
  std::ofstream(dir + "/corpus.md", std::ios::binary) << corpus;
  std::ofstream(dir + "/words.txt", std::ios::binary) << words.substr(words.find('\n') + 1);
  const double size_mb = static_cast<double>(corpus.size()) / (1 << 20);
  std::printf("corpus: %.1f MB in %zu pages; word list: 20000 entries\n", size_mb, pages.size() - 1);

  const double t0 = cpu_now();
  sanshen::CheckerConfig config;
  config.rule_files = {{"banned.txt", words}};
  auto checker = sanshen::ContentChecker::create(config);
  if (!checker) {
    std::fprintf(stderr, "%s\n", checker.error().describe().c_str());
    return 2;
  }
  std::printf("compile 20000 entries: %.2f s\n", seconds_since(t0));

  // Normalization and the word scan alone: the §9 figure.
  std::vector<sanshen::Literal> literals;
  for (std::size_t p = 0, e; p < words.size(); p = e + 1) {
    e = words.find('\n', p);
    const std::string w = words.substr(p, e - p);
    if (!w.empty() && w[0] != '#') literals.push_back({sanshen::normalize(w).text(), false});
  }
  auto set = sanshen::PatternSet::compile(literals);
  if (!set) return 2;
  auto each_page = [&](auto&& f) {
    for (std::size_t i = 0; i + 1 < pages.size(); ++i)
      f(std::string_view(corpus.data() + pages[i], pages[i + 1] - pages[i]));
  };
  std::size_t normalized_bytes = 0;
  const double normalize_s = fastest([&] {
    normalized_bytes = 0;
    each_page(
        [&](std::string_view page) { normalized_bytes += sanshen::normalize(page).text().size(); });
  });
  const std::string normalized_corpus = sanshen::normalize(corpus).text();
  std::size_t whole_matches = 0;
  const double scan_only_s = fastest([&] { whole_matches = set->scan(normalized_corpus).size(); });

  std::size_t matches = 0;
  const double scan_s = fastest([&] {
    matches = 0;
    each_page([&](std::string_view page) {
      matches += set->scan(sanshen::normalize(page).text()).size();
    });
  });

  std::size_t findings = 0;
  const double check_s = fastest([&] {
    findings = 0;
    each_page(
        [&](std::string_view page) { findings += (*checker)->check("content/p.md", page).size(); });
  });

  const std::string rg = "rg -j1 -F -c -f " + dir + "/words.txt " + dir + "/corpus.md > " + dir +
                         "/rg.out";
  double rg_s = 1e300;
  int rg_status = 0;
  for (int i = 0; i < kPasses && rg_status != -1; ++i) {
    const double rg_t0 = children_cpu();
    rg_status = std::system(rg.c_str());
    rg_s = std::min(rg_s, children_cpu() - rg_t0);
  }

  std::printf("normalize only:          %8.1f MB/s per core (%zu bytes out)\n", size_mb / normalize_s,
              normalized_bytes);
  std::printf("scan only (normalized): %8.1f MB/s per core (%zu matches)\n", size_mb / scan_only_s,
              whole_matches);
  std::printf("normalize + scan:       %8.1f MB/s per core (%zu matches)\n", size_mb / scan_s, matches);
  std::printf("all checks (every rule): %7.1f MB/s per core (%zu findings)\n", size_mb / check_s, findings);
  if (rg_status == -1 || WEXITSTATUS(rg_status) > 1) {
    std::printf("rg -F -f: not available\n");
  } else {
    std::printf("rg -j1 -F -f (no normalization): %.1f MB/s per core\n", size_mb / rg_s);
    std::printf("ratio normalize+scan / rg: %.2f; all checks / rg: %.2f\n", rg_s / scan_s,
                rg_s / check_s);
  }
  return 0;
}
