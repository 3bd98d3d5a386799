#include "tests/support/gpg_home.h"

#include <sys/stat.h>

#include <catch2/catch.hpp>

#include <filesystem>

namespace sanshen::testing {

GpgHome::GpgHome() : home_(dir_.path() + "/gnupg") {
  REQUIRE(mkdir(home_.c_str(), 0700) == 0);
}

GpgHome::~GpgHome() {
  run("gpgconf --homedir " + shell_quote(home_) + " --kill gpg-agent");
}

std::string GpgHome::gpg(const std::string& args) {
  return run_ok("gpg --homedir " + shell_quote(home_) +
                " --batch --no-tty --pinentry-mode loopback --passphrase '' " + args);
}

std::string GpgHome::make_key(const std::string& uid, const std::string& algo, const std::string& usage,
                              const std::string& extra) {
  gpg(extra + " --quick-gen-key " + shell_quote(uid) + " " + algo + " " + usage + " never");
  std::string listing = gpg("--with-colons --list-keys " + shell_quote(uid));
  size_t fpr = listing.find("\nfpr:");
  REQUIRE(fpr != std::string::npos);
  // fpr:::::::::<FINGERPRINT>:
  size_t start = listing.find_first_not_of(':', fpr + 5);
  return listing.substr(start, 40);
}

std::string GpgHome::export_key(const std::string& fingerprint) {
  return gpg("--armor --export " + fingerprint);
}

std::string GpgHome::sign(const std::string& fingerprint, const std::string& payload, const std::string& extra) {
  std::string file = dir_.path() + "/payload";
  write_file(file, payload);
  std::filesystem::remove(file + ".asc");
  gpg(extra + " -bsa -u " + fingerprint + " -o " + shell_quote(file + ".asc") + " " + shell_quote(file));
  return read_file(file + ".asc");
}

std::string GpgHome::program(const std::string& extra) {
  std::string path = dir_.path() + "/gpg-program-" + std::to_string(++programs_);
  write_file(path, "#!/bin/sh\nexec gpg --homedir " + shell_quote(home_) + " " + extra + " \"$@\"\n");
  std::filesystem::permissions(path, std::filesystem::perms::owner_all);
  return path;
}

}  // namespace sanshen::testing
