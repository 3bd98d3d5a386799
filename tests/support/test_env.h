// Helpers for tests that need real git repositories and real ssh keys in temp dirs.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace sanshen::testing {

struct CommandResult {
  int status = 0;
  std::string output;  // stdout and stderr together
};

std::string shell_quote(const std::string& s);
// Runs through /bin/sh; stdin is /dev/null.
CommandResult run(const std::string& command);
// Runs and fails the current test (REQUIRE) when the command exits non-zero; returns stdout.
std::string run_ok(const std::string& command);

std::string read_file(const std::string& path);
// Every regular file under dir (relative path → bytes): two sites are identical when equal.
std::map<std::string, std::string> read_tree(const std::string& dir);
void write_file(const std::string& path, const std::string& content);

std::string source_dir();   // the project root
std::string binary_path();  // build/sanshen, the launcher
std::string engine_path();  // build/sanshen-engine, which the launcher runs

class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

struct TestKey {
  std::string name;
  std::string private_path;
  std::string public_line;  // "ssh-ed25519 AAAA... name"
  std::string fingerprint;  // "SHA256:..." as ssh-keygen -lf prints it
};

// type: ed25519 | ecdsa-256 | ecdsa-384 | ecdsa-521 | rsa
TestKey make_ssh_key(const std::string& dir, const std::string& name,
                     const std::string& type = "ed25519");

// A git repository in a temp dir, configured for ssh signing.
class TestRepo {
 public:
  TestRepo();
  const std::string& path() const { return path_; }
  // Outside the work tree, so keys are never committed.
  std::string keys_dir() const { return dir_.path() + "/keys"; }

  // Runs git in the repo; REQUIREs success; returns trimmed stdout.
  std::string git(const std::string& args);
  void write(const std::string& rel_path, const std::string& content);
  void remove(const std::string& rel_path);
  // Commits all changes (allow-empty); signed with key when given. Returns the commit id.
  // Author and committer times come from a test clock that starts at 2025-02-28 00:00 UTC and
  // advances a minute per commit, so dates in fixtures are stable.
  std::string commit(const std::string& message, const TestKey* key = nullptr);
  std::string blob(const std::string& rel_path, const std::string& rev = "HEAD");
  std::string head();

  void set_clock(long long epoch_seconds) { clock_ = epoch_seconds; }

 private:
  TempDir dir_;
  std::string path_;
  long long clock_ = 1740700800;
};

}  // namespace sanshen::testing
