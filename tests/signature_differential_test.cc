// sanshen's signature verdict against git's own: for genuine and tampered commit objects written
// raw into a repository, parse_commit_object + verify_signature + "key in the allowed set" must
// agree with `git verify-commit` (allowed-signers file for SSH, a GnuPG home holding only the
// allowed public keys for OpenPGP).
#include <catch2/catch.hpp>

#include <set>

#include "core/commit_object.h"
#include "core/openpgp.h"
#include "core/signature.h"
#include "tests/support/gpg_home.h"
#include "tests/support/test_env.h"

namespace sanshen {
namespace {

using testing::shell_quote;

// The object as three parts: headers before the gpgsig header, the header itself with its
// continuation lines, and the rest (further headers, blank line, message).
struct Split {
  std::string before, sig, after;
};

Split split(const std::string& raw) {
  size_t start = raw.find("\ngpgsig ");
  REQUIRE(start != std::string::npos);
  size_t end = start + 1;
  do {
    end = raw.find('\n', end) + 1;
  } while (raw[end] == ' ');
  return {raw.substr(0, start + 1), raw.substr(start + 1, end - start - 1), raw.substr(end)};
}

struct Signer {
  std::string name;
  std::string fingerprint;
  std::string config;  // git -c options that make `commit -S` sign with this key
  bool allowed = true;
};

class Differential {
 public:
  Differential() {
    allowed_signers_ = dir_.path() + "/allowed_signers";
    testing::write_file(allowed_signers_, "");
    repo_.write("page.md", "一\n");
    repo_.commit("base\n");
  }

  void add_ssh(const std::string& type, bool allowed) {
    testing::TestKey key = testing::make_ssh_key(repo_.keys_dir(), "k" + std::to_string(signers_.size()), type);
    signers_.push_back({"ssh " + type + (allowed ? "" : " (not allowed)"), key.fingerprint,
                        "-c gpg.format=ssh -c user.signingkey=" + shell_quote(key.private_path), allowed});
    if (allowed) {
      testing::write_file(allowed_signers_,
                          testing::read_file(allowed_signers_) + "reviewer@example.gov.cn " + key.public_line + "\n");
    }
  }

  void add_openpgp(const std::string& algo, bool allowed) {
    std::string uid = "R" + std::to_string(signers_.size()) + " <r@example.gov.cn>";
    std::string fpr = signing_.make_key(uid, algo);
    signers_.push_back({"openpgp " + algo + (allowed ? "" : " (not allowed)"), fpr,
                        "-c gpg.format=openpgp -c user.signingkey=" + fpr + " -c gpg.program=" +
                            shell_quote(signing_program_),
                        allowed});
    if (allowed) {
      std::string armored = signing_.export_key(fpr);
      REQUIRE(keys_.add(fpr + ".asc", armored).ok());
      testing::write_file(dir_.path() + "/import.asc", armored);
      verifying_.gpg("--import " + shell_quote(dir_.path() + "/import.asc"));
    }
  }

  // A genuine commit signed by signer, raw.
  std::string signed_raw(const Signer& s, const std::string& message) {
    repo_.write("page.md", message);
    repo_.git("add -A");
    repo_.git(s.config + " commit -q -S -m " + shell_quote(message));
    return testing::run_ok("git -C " + shell_quote(repo_.path()) + " cat-file commit HEAD");
  }

  // Writes raw as a commit without validation, as an attacker could, and compares verdicts.
  // `stricter`: a deliberate divergence where sanshen refuses what git may accept.
  void compare(const std::string& label, const std::string& raw, bool stricter = false) {
    std::string file = dir_.path() + "/raw";
    testing::write_file(file, raw);
    std::string id =
        testing::run_ok("git -C " + shell_quote(repo_.path()) + " hash-object -t commit -w --literally " +
                        shell_quote(file))
            .substr(0, 40);
    bool git_ok = testing::run("git -C " + shell_quote(repo_.path()) + " -c gpg.ssh.allowedSignersFile=" +
                               shell_quote(allowed_signers_) + " -c gpg.program=" +
                               shell_quote(verifying_program_) + " verify-commit " + id)
                      .status == 0;
    std::string why;
    bool ours = false;
    if (auto c = parse_commit_object(raw); !c) {
      why = c.error().message;
    } else if (c->signature.empty()) {
      why = "unsigned";
    } else if (auto v = verify_signature(c->signature, c->signed_payload, &keys_); !v) {
      why = v.error().message;
    } else if (!allowed_.count(v->fingerprint)) {
      why = "key not in roster: " + v->fingerprint;
    } else {
      ours = true;
    }
    INFO(label << ": git " << (git_ok ? "good" : "bad") << ", sanshen " << (ours ? "good" : "bad: " + why));
    if (stricter) {
      CHECK_FALSE(ours);
    } else {
      CHECK(ours == git_ok);
    }
    ++compared_;
    if (git_ok) ++good_;
  }

  void run_all() {
    for (const Signer& s : signers_) {
      if (s.allowed) allowed_.insert(s.fingerprint);
    }
    std::vector<std::string> originals;
    for (const Signer& s : signers_) originals.push_back(signed_raw(s, "复审：" + s.name + "\n"));
    for (size_t i = 0; i < signers_.size(); ++i) {
      const std::string& raw = originals[i];
      const std::string& other = originals[(i + 1) % originals.size()];
      const std::string label = signers_[i].name;
      Split p = split(raw);
      Split q = split(other);
      const std::string sig_text = p.sig.substr(7);  // without "gpgsig "

      compare(label + ": genuine", raw);
      std::string m = raw;
      m.replace(m.find("复审"), 6, "终审");
      compare(label + ": message changed", m);
      m = raw;
      m.replace(m.find("author Test Editor"), 18, "author Other Person");
      compare(label + ": author changed", m);
      compare(label + ": signature of another commit", p.before + q.sig + p.after);
      compare(label + ": signature stripped", p.before + p.after);
      // git concatenates both headers and ssh-keygen then reads only the first armor, so git
      // accepts this for SSH; sanshen refuses an object whose signature it would have to guess.
      compare(label + ": gpgsig duplicated", p.before + p.sig + p.sig + p.after, true);
      compare(label + ": gpgsig moved into the message", p.before + p.after + "\ngpgsig " + sig_text);
      compare(label + ": header added after signing", p.before + p.sig + "encoding GBK\n" + p.after);
      compare(label + ": gpgsig-sha256 header added", p.before + p.sig + "gpgsig-sha256 x\n y\n" + p.after);
      compare(label + ": signature truncated", p.before + p.sig.substr(0, p.sig.size() / 2) + "\n" + p.after);
      compare(label + ": blank line appended to message", raw + "\n");
      // Crossed with itself: a signature over another payload by the same key.
      std::string again = signed_raw(signers_[i], "复审：再次 " + signers_[i].name + "\n");
      compare(label + ": signature from the same key's other commit", p.before + split(again).sig + p.after);
    }
  }

  std::size_t compared() const { return compared_; }
  std::size_t good() const { return good_; }

 private:
  testing::TempDir dir_;
  testing::TestRepo repo_;
  testing::GpgHome signing_, verifying_;
  std::string signing_program_ = signing_.program();
  std::string verifying_program_ = verifying_.program();
  std::string allowed_signers_;
  OpenPgpKeyring keys_;
  std::vector<Signer> signers_;
  std::set<std::string> allowed_;
  std::size_t compared_ = 0, good_ = 0;
};

TEST_CASE("sanshen's verdict on signed and tampered commits equals git verify-commit's",
          "[signature_differential]") {
  Differential d;
  for (const char* type : {"ed25519", "ecdsa-256", "ecdsa-384", "ecdsa-521", "rsa"}) d.add_ssh(type, true);
  d.add_ssh("ed25519", false);
  d.add_openpgp("ed25519", true);
  d.add_openpgp("rsa3072", true);
  d.add_openpgp("ed25519", false);
  d.run_all();
  // Per allowed key: the genuine commit, and the same with a gpgsig-sha256 header (not signed).
  CHECK(d.good() >= 14);
  CHECK(d.compared() >= 90);
}

}  // namespace
}  // namespace sanshen
