#include "tests/support/test_env.h"

#include <catch2/catch.hpp>
#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace sanshen::testing {

std::string shell_quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') out += "'\\''";
    else out += c;
  }
  return out + "'";
}

CommandResult run(const std::string& command) {
  CommandResult r;
  std::string full = "(" + command + ") </dev/null 2>&1";
  FILE* p = popen(full.c_str(), "r");
  if (!p) return {127, "popen failed"};
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) r.output.append(buf, n);
  int st = pclose(p);
  r.status = WIFEXITED(st) ? WEXITSTATUS(st) : 128;
  return r;
}

std::string run_ok(const std::string& command) {
  std::string full = "(" + command + ") </dev/null 2>/dev/null";
  FILE* p = popen(full.c_str(), "r");
  REQUIRE(p != nullptr);
  std::string out;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  int st = pclose(p);
  INFO("command: " << command);
  REQUIRE(WIFEXITED(st));
  REQUIRE(WEXITSTATUS(st) == 0);
  return out;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::map<std::string, std::string> read_tree(const std::string& dir) {
  std::map<std::string, std::string> out;
  for (const auto& e : std::filesystem::recursive_directory_iterator(dir))
    if (e.is_regular_file())
      out[std::filesystem::relative(e.path(), dir).generic_string()] = read_file(e.path().string());
  return out;
}

void write_file(const std::string& path, const std::string& content) {
  std::filesystem::path p(path);
  if (p.has_parent_path()) std::filesystem::create_directories(p.parent_path());
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << content;
}

std::string source_dir() { return SANSHEN_SOURCE_DIR; }
std::string binary_path() { return SANSHEN_BINARY; }
std::string engine_path() { return SANSHEN_ENGINE; }

TempDir::TempDir() {
  std::string tmpl = (std::filesystem::temp_directory_path() / "sanshen-test-XXXXXX").string();
  char* made = mkdtemp(tmpl.data());
  REQUIRE(made != nullptr);
  path_ = made;
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

static std::string trim(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r' || s.back() == ' ')) s.pop_back();
  return s;
}

TestKey make_ssh_key(const std::string& dir, const std::string& name, const std::string& type) {
  std::filesystem::create_directories(dir);
  TestKey k;
  k.name = name;
  k.private_path = dir + "/" + name;
  std::string args;
  if (type == "ed25519") args = "-t ed25519";
  else if (type == "ecdsa-256") args = "-t ecdsa -b 256";
  else if (type == "ecdsa-384") args = "-t ecdsa -b 384";
  else if (type == "ecdsa-521") args = "-t ecdsa -b 521";
  else if (type == "rsa") args = "-t rsa -b 2048";
  else FAIL("unknown key type " << type);
  run_ok("ssh-keygen -q " + args + " -N '' -C " + shell_quote(name) + " -f " +
         shell_quote(k.private_path));
  k.public_line = trim(read_file(k.private_path + ".pub"));
  std::string lf = run_ok("ssh-keygen -lf " + shell_quote(k.private_path + ".pub"));
  std::istringstream ss(lf);
  std::string bits;
  ss >> bits >> k.fingerprint;
  return k;
}

TestRepo::TestRepo() : path_(dir_.path() + "/repo") {
  std::filesystem::create_directories(path_);
  git("init -q -b main");
  git("config user.name 'Test Editor'");
  git("config user.email editor@example.gov.cn");
  git("config gpg.format ssh");
  git("config commit.gpgsign false");
}

std::string TestRepo::git(const std::string& args) {
  return trim(run_ok("git -C " + shell_quote(path()) + " " + args));
}

void TestRepo::write(const std::string& rel_path, const std::string& content) {
  write_file(path() + "/" + rel_path, content);
}

void TestRepo::remove(const std::string& rel_path) {
  std::filesystem::remove(path() + "/" + rel_path);
}

std::string TestRepo::commit(const std::string& message, const TestKey* key) {
  git("add -A");
  std::string msg_file = path() + "/.git/TEST_MSG";
  write_file(msg_file, message);
  std::string sign = key ? "-c user.signingkey=" + shell_quote(key->private_path) + " " : "";
  clock_ += 60;
  const std::string date = "@" + std::to_string(clock_) + " +0800";
  run_ok("GIT_AUTHOR_DATE=" + shell_quote(date) + " GIT_COMMITTER_DATE=" + shell_quote(date) +
         " git -C " + shell_quote(path()) + " " + sign + "commit -q --allow-empty " +
         (key ? "-S " : "--no-gpg-sign ") + "--cleanup=verbatim -F " + shell_quote(msg_file));
  return head();
}

std::string TestRepo::blob(const std::string& rel_path, const std::string& rev) {
  return git("rev-parse " + shell_quote(rev + ":" + rel_path));
}

std::string TestRepo::head() { return git("rev-parse HEAD"); }

}  // namespace sanshen::testing
