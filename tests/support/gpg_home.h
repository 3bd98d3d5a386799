// A throwaway GnuPG home for tests of OpenPGP signatures: keys made with gpg, commits signed by
// git through a gpg.program wrapper bound to this home. The agent it starts is stopped on exit.
#pragma once

#include <string>

#include "tests/support/test_env.h"

namespace sanshen::testing {

class GpgHome {
 public:
  GpgHome();
  ~GpgHome();
  GpgHome(const GpgHome&) = delete;
  GpgHome& operator=(const GpgHome&) = delete;

  const std::string& home() const { return home_; }
  // Runs gpg on this home (batch, no passphrase); REQUIREs success; returns stdout.
  std::string gpg(const std::string& args);
  // `gpg --quick-gen-key` with algo ("ed25519", "rsa2048", ...) and usage ("sign", "cert", ...);
  // returns the primary key's fingerprint (40 uppercase hex).
  std::string make_key(const std::string& uid, const std::string& algo = "ed25519",
                       const std::string& usage = "sign", const std::string& extra = "");
  std::string export_key(const std::string& fingerprint);  // armored public key
  // A detached armored signature over payload, as git makes one (`gpg -bsau`).
  std::string sign(const std::string& fingerprint, const std::string& payload, const std::string& extra = "");
  // A script usable as git's gpg.program; `extra` goes before git's own arguments.
  std::string program(const std::string& extra = "");

 private:
  TempDir dir_;
  std::string home_;
  int programs_ = 0;
};

}  // namespace sanshen::testing
