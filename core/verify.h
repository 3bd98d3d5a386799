// `sanshen verify` (design §6, §8): compares a deployed copy of the site with the provenance
// manifest — the basis of 网页防篡改 monitoring — and checks the manifest's envelope signature.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/envelope.h"
#include "core/file_system.h"
#include "core/manifest.h"
#include "core/result.h"

namespace sanshen {

// Where the deployed copy is read from: a directory or a web server.
class DeployedSite {
 public:
  virtual ~DeployedSite() = default;
  // The file's bytes; nullopt when the site does not have it. Error when it cannot tell.
  virtual Result<std::optional<std::string>> fetch(const std::string& name) = 0;
  // Every file of the site; nullopt when the site cannot be listed (HTTP).
  virtual Result<std::optional<std::vector<std::string>>> list() = 0;
  virtual std::string location() const = 0;
};

std::unique_ptr<DeployedSite> directory_site(FileSystem& fs, std::string dir);
// Fetches base_url + name for each name, and nothing else.
std::unique_ptr<DeployedSite> http_site(std::string base_url);

enum class SignatureState { kNotChecked, kValid, kAbsent, kBad };

struct SignatureCheck {
  SignatureState state = SignatureState::kNotChecked;
  std::string keyid;    // of the key given
  std::string message;  // why absent or bad
};

// A manifest as `verify` reads it: the Statement, and what its envelope says about it.
struct LoadedManifest {
  Manifest manifest;
  SignatureCheck signature;
};

// Reads `manifest_path`, a Statement (its envelope, if any, is envelope_path_for beside it) or
// a DSSE envelope holding one. With a key, the envelope must verify and carry exactly the
// Statement's bytes; without one, no signature is checked. Errors: unreadable file,
// "manifest.invalid".
Result<LoadedManifest> load_manifest(FileSystem& fs, const std::string& manifest_path,
                                     const Ed25519Key* key);

struct FileDrift {
  std::string path;
  std::string expected;  // sha256 from the manifest; empty for an extra file
  std::string actual;    // sha256 of the deployed file; empty for a missing one
};

struct VerifyReport {
  std::string location;
  std::string revision;
  std::size_t checked = 0;  // subjects compared
  std::vector<FileDrift> modified, missing, extra;
  bool extra_checked = true;  // false when the site cannot be listed (HTTP)
  SignatureCheck signature;

  bool clean() const;  // no drift and no absent or bad signature
};

// Compares every subject with the deployed copy and, where the site can be listed, looks for
// files the manifest does not name (an injected 暗链 page). Errors only when the comparison
// cannot be made (unreadable directory, a server that does not answer).
Result<VerifyReport> verify_site(const LoadedManifest& loaded, DeployedSite& site);

// {"location", "revision", "checked", "clean", "modified": [{"path", "expected", "actual"}],
//  "missing": [...], "extra": [...] | null, "extra_checked", "notes": [...],
//  "signature": {"status": "not-checked|valid|absent|bad", "keyid", "message"}}
std::string verify_report_json(const VerifyReport& report);
// Chinese-first text with rule ids (verify.modified, verify.missing, verify.extra, ...).
std::string verify_report_text(const VerifyReport& report);

}  // namespace sanshen
