// verify_bench — signature verifier throughput (design §9: ≥ 20,000 commits/s on the 2-core
// machine the targets are stated for).
//
// Generates N real signed commit objects per key type once (payloads built here, signed in one
// `ssh-keygen -Y sign` batch per type), then times parse_commit_object + verify_signature over
// all of them the way the gate reads history: first on one thread, printed as commits per
// CPU-second of that thread (the per-core figure, steady on a shared machine), then on every
// core (`build --jobs` spreads verification the same way), printed as commits per wall-clock
// second, with the ratio to the target. Exit status 1 when ed25519 on all cores misses the
// target. Usage: verify_bench [N=4000] [rounds=3]. Needs ssh-keygen on PATH.
#include <sys/wait.h>
#include <time.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "core/commit_object.h"
#include "core/parallel.h"
#include "core/signature.h"

namespace {

constexpr double kTarget = 20000;  // commits/s, design §9

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void write_file(const std::string& path, const std::string& data) {
  std::ofstream(path, std::ios::binary | std::ios::trunc) << data;
}

bool run(const std::string& command) {
  int status = std::system(command.c_str());
  return status != -1 && WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

// A review commit payload shaped like the ones sanshen reads (headers, subject, trailers).
std::string payload(int i) {
  char blob[41];
  std::snprintf(blob, sizeof blob, "%040x", i * 2654435761u);
  std::string parent(40, 'a');
  std::string when = std::to_string(1740700800 + i * 60) + " +0800";
  return "tree 4b825dc642cb6eb9a060e54bf8d69288fbee4904\nparent " + parent +
         "\nauthor 张伟 <zhangwei@example.gov.cn> " + when + "\ncommitter 张伟 <zhangwei@example.gov.cn> " + when +
         "\n\n复审：关于第" + std::to_string(i) + "号通知\n\nReview-Level: 复审\nReview-Page: content/tzgg/n" +
         std::to_string(i) + ".md " + blob + "\nReview-Decision: approve\nReview-Opinion: 同意\n";
}

// git's layout: the gpgsig header after committer, continuation lines led by a space.
std::string with_signature(const std::string& p, const std::string& armored) {
  size_t body = p.find("\n\n");
  std::string header = "gpgsig ";
  for (size_t i = 0; i < armored.size(); ++i) {
    header += armored[i];
    if (armored[i] == '\n' && i + 1 < armored.size()) header += ' ';
  }
  return p.substr(0, body + 1) + header + p.substr(body + 1);
}

std::vector<std::string> make_commits(const std::string& dir, const std::string& type, int n) {
  std::string key = dir + "/key-" + type;
  std::string args = type == "ed25519" ? "-t ed25519" : type == "ecdsa-256" ? "-t ecdsa -b 256" : "-t rsa -b 3072";
  if (!std::filesystem::exists(key) && !run("ssh-keygen -q " + args + " -N '' -C bench -f " + key)) return {};
  // Batches keep each shell command well under the kernel's 128 KiB limit for one argument.
  std::string files;
  for (int i = 0; i < n; ++i) {
    std::string f = dir + "/" + type + "-" + std::to_string(i);
    write_file(f, payload(i));
    std::filesystem::remove(f + ".sig");
    files += " " + f;
    if ((i + 1) % 500 == 0 || i + 1 == n) {
      if (!run("ssh-keygen -q -Y sign -n git -f " + key + files + " >/dev/null 2>&1")) return {};
      files.clear();
    }
  }
  std::vector<std::string> out;
  for (int i = 0; i < n; ++i) {
    std::string f = dir + "/" + type + "-" + std::to_string(i);
    out.push_back(with_signature(payload(i), read_file(f + ".sig")));
  }
  return out;
}

double thread_cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return double(ts.tv_sec) + double(ts.tv_nsec) / 1e9;
}

struct Rate {
  double cpu = -1;   // commits per CPU-second of this thread: the per-core figure
  double wall = -1;  // commits per wall-clock second: lower on a loaded machine
};

bool parse_and_verify(const std::string& raw) {
  auto c = sanshen::parse_commit_object(raw);
  return c && sanshen::verify_signature(c->signature, c->signed_payload);
}

// Best of `rounds` for parse + verify of every object on one thread; negative rates if any
// fails to verify.
Rate measure(const std::vector<std::string>& commits, int rounds) {
  Rate best{0, 0};
  for (int r = 0; r < rounds; ++r) {
    double cpu_start = thread_cpu_seconds();
    auto start = std::chrono::steady_clock::now();
    for (const std::string& raw : commits)
      if (!parse_and_verify(raw)) return {};
    std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
    best.cpu = std::max(best.cpu, double(commits.size()) / (thread_cpu_seconds() - cpu_start));
    best.wall = std::max(best.wall, double(commits.size()) / took.count());
  }
  return best;
}

// Best of `rounds`, commits per wall-clock second with the work spread over `threads`.
double measure_parallel(const std::vector<std::string>& commits, int rounds, int threads) {
  double best = 0;
  for (int r = 0; r < rounds; ++r) {
    std::atomic<bool> ok{true};
    auto start = std::chrono::steady_clock::now();
    sanshen::parallel_for(commits.size(), threads, [&](std::size_t i, int) {
      if (!parse_and_verify(commits[i])) ok = false;
    });
    std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
    if (!ok) return -1;
    best = std::max(best, double(commits.size()) / took.count());
  }
  return best;
}

}  // namespace

int main(int argc, char** argv) {
  int n = argc > 1 ? std::atoi(argv[1]) : 4000;
  int rounds = argc > 2 ? std::atoi(argv[2]) : 3;
  if (n <= 0 || rounds <= 0) {
    std::fprintf(stderr, "usage: verify_bench [commits=4000] [rounds=3]\n");
    return 2;
  }
  std::string dir = (std::filesystem::temp_directory_path() / "sanshen-verify-bench").string();
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);

  const int cores = std::max(1, int(std::thread::hardware_concurrency()));
  std::printf("signature verifier: parse_commit_object + verify_signature, best of %d\n", rounds);
  std::printf("%-10s %8s %18s %10s %22s %10s\n", "key", "commits", "1 thread: /cpu-s", "vs 20,000",
              (std::to_string(cores) + " threads: /wall-s").c_str(), "vs 20,000");
  std::fflush(stdout);
  int status = 0;
  for (const char* type : {"ed25519", "ecdsa-256", "rsa-3072"}) {
    std::string t = type;
    std::vector<std::string> commits = make_commits(dir, t == "rsa-3072" ? "rsa" : t, n);
    if (commits.empty()) {
      std::fprintf(stderr, "verify_bench: could not generate %s commits (ssh-keygen)\n", type);
      return 2;
    }
    Rate rate = measure(commits, rounds);
    if (rate.cpu < 0) {
      std::fprintf(stderr, "verify_bench: a generated %s commit did not verify\n", type);
      return 2;
    }
    const double all = measure_parallel(commits, rounds, cores);
    std::printf("%-10s %8zu %18.0f %9.2fx %22.0f %9.2fx\n", type, commits.size(), rate.cpu,
                rate.cpu / kTarget, all, all / kTarget);
    std::fflush(stdout);
    // The §9 target is stated for the common case, ed25519 (what `ssh-keygen -t ed25519` makes).
    if (t == "ed25519" && all < kTarget) status = 1;
  }
  std::filesystem::remove_all(dir);
  return status;
}
