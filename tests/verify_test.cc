// `sanshen verify`: the signed example build, deployed to a directory or served by nginx, is
// compared with its manifest; tampering shows as modified, missing or extra files, or as a bad
// envelope signature; exit 0 clean, 1 drift, 2 error.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <set>
#include <thread>

#include "tests/support/test_env.h"

using namespace sanshen::testing;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

// The example repository built once, signed with a deploy key; tests deploy copies of it.
struct SignedExample {
  TempDir dir;
  std::string repo, site, manifest;
  TestKey deploy, stranger;

  SignedExample() {
    repo = dir.path() + "/repo";
    site = dir.path() + "/public";
    manifest = dir.path() + "/provenance.json";
    deploy = make_ssh_key(dir.path() + "/keys", "deploy");
    stranger = make_ssh_key(dir.path() + "/keys", "stranger");
    run_ok(shell_quote(source_dir() + "/scripts/make-example-repo.sh") + " " + shell_quote(repo));
    std::string intro = read_file(repo + "/.git/sanshen-introduction");
    while (!intro.empty() && intro.back() == '\n') intro.pop_back();
    run_ok("SOURCE_DATE_EPOCH=1767225600 " + shell_quote(binary_path()) + " build --repo " +
           shell_quote(repo) + " --out " + shell_quote(site) + " --manifest " + shell_quote(manifest) +
           " --introduction " + shell_quote(intro) + " --sign-key " + shell_quote(deploy.private_path));
  }
};

SignedExample& example() {
  static SignedExample e;
  return e;
}

// A fresh deployed copy of the site and its manifest pair, for one test to tamper with.
struct Deployment {
  TempDir dir;
  std::string site = dir.path() + "/www";
  std::string manifest = dir.path() + "/provenance.json";
  Deployment() {
    auto& e = example();
    fs::copy(e.site, site, fs::copy_options::recursive);
    fs::copy_file(e.manifest, manifest);
    fs::copy_file(e.manifest + ".dsse.json", manifest + ".dsse.json");
  }
};

CommandResult verify(const std::string& args) {
  return run(shell_quote(binary_path()) + " verify " + args + " 2>/dev/null");
}

std::set<std::string> paths(const json& list) {
  std::set<std::string> out;
  for (const auto& x : list) out.insert(x["path"].get<std::string>());
  return out;
}

int free_port() {
  int s = socket(AF_INET, SOCK_STREAM, 0);
  REQUIRE(s >= 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(bind(s, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
  socklen_t len = sizeof addr;
  REQUIRE(getsockname(s, reinterpret_cast<sockaddr*>(&addr), &len) == 0);
  close(s);
  return ntohs(addr.sin_port);
}

std::string find_nginx() {
  auto r = run("command -v nginx || { test -x /usr/sbin/nginx && echo /usr/sbin/nginx; }");
  std::string path = r.output.substr(0, r.output.find('\n'));
  return r.status == 0 ? path : "";
}

// nginx serving `root` on 127.0.0.1, with its own config, logs and pid file in a temp dir;
// stopped by the pid it wrote.
class Nginx {
 public:
  Nginx(const std::string& binary, const std::string& root) : port_(free_port()) {
    const std::string p = dir_.path();
    // One process as the current user (no worker user switch, which could not read a 0700 temp
    // dir), every path inside the temp dir so it runs without root.
    write_file(p + "/nginx.conf",
               "master_process off;\ndaemon on;\npid " + p + "/nginx.pid;\nerror_log " + p +
                   "/error.log;\nevents {}\nhttp {\n  access_log off;\n"
                   "  client_body_temp_path " + p + "/body;\n  proxy_temp_path " + p + "/proxy;\n"
                   "  fastcgi_temp_path " + p + "/fastcgi;\n  uwsgi_temp_path " + p + "/uwsgi;\n"
                   "  scgi_temp_path " + p + "/scgi;\n  server {\n    listen 127.0.0.1:" +
                   std::to_string(port_) + ";\n    root " + root + ";\n  }\n}\n");
    run_ok(shell_quote(binary) + " -p " + shell_quote(p) + " -e " + shell_quote(p + "/error.log") +
           " -c " + shell_quote(p + "/nginx.conf"));
    pid_ = std::atoi(read_file(p + "/nginx.pid").c_str());
    REQUIRE(pid_ > 0);
  }
  ~Nginx() {
    if (pid_ <= 0) return;
    kill(pid_, SIGTERM);
    for (int i = 0; i < 100 && kill(pid_, 0) == 0; ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/"; }

 private:
  TempDir dir_;
  int port_;
  int pid_ = 0;
};

}  // namespace

TEST_CASE("verify finds a deployed copy identical to the signed manifest clean", "[verify]") {
  Deployment d;
  auto& e = example();
  auto r = verify("--manifest " + shell_quote(d.manifest) + " --key " +
                  shell_quote(e.deploy.private_path + ".pub") + " --format json " + shell_quote(d.site));
  INFO(r.output);
  CHECK(r.status == 0);
  json j = json::parse(r.output);
  CHECK(j["clean"] == true);
  size_t files = 0;
  for (const auto& f : fs::recursive_directory_iterator(d.site)) files += f.is_regular_file() ? 1 : 0;
  CHECK(j["checked"].get<size_t>() == files);
  CHECK(j["modified"].empty());
  CHECK(j["missing"].empty());
  CHECK(j["extra"].empty());
  CHECK(j["signature"]["status"] == "valid");
  CHECK(j["signature"]["keyid"] == e.deploy.fingerprint);
}

TEST_CASE("verify reports a changed file, a removed file and an injected page as drift",
          "[verify]") {
  Deployment d;
  write_file(d.site + "/index.html", read_file(d.site + "/index.html") + "<a href=\"https://example-casino.com\">x</a>");
  const std::string removed = "tzgg/index.html";
  REQUIRE(fs::remove(d.site + "/" + removed));
  write_file(d.site + "/tzgg/2025-lottery.html", "<html>暗链</html>");

  auto r = verify("--manifest " + shell_quote(d.manifest) + " --format json " + shell_quote(d.site));
  INFO(r.output);
  CHECK(r.status == 1);
  json j = json::parse(r.output);
  CHECK(j["clean"] == false);
  CHECK(paths(j["modified"]) == std::set<std::string>{"index.html"});
  CHECK(paths(j["missing"]) == std::set<std::string>{removed});
  CHECK(paths(j["extra"]) == std::set<std::string>{"tzgg/2025-lottery.html"});
  CHECK(j["signature"]["status"] == "not-checked");

  auto text = verify("--manifest " + shell_quote(d.manifest) + " " + shell_quote(d.site));
  CHECK(text.status == 1);
  CHECK(text.output.find("verify.modified") != std::string::npos);
  CHECK(text.output.find("verify.missing") != std::string::npos);
  CHECK(text.output.find("verify.extra") != std::string::npos);
  CHECK(text.output.find("tzgg/2025-lottery.html") != std::string::npos);
}

TEST_CASE("verify with the deploy key catches a manifest rewritten to match a tampered site",
          "[verify]") {
  Deployment d;
  auto& e = example();
  const std::string pub = shell_quote(e.deploy.private_path + ".pub");
  // The attacker changes a page and updates its digest in the manifest.
  const std::string page = d.site + "/index.html";
  write_file(page, read_file(page) + "<!-- injected -->");
  json m = json::parse(read_file(d.manifest));
  std::string new_digest = run_ok("sha256sum " + shell_quote(page) + " | cut -c1-64");
  new_digest.pop_back();
  for (auto& s : m["subject"])
    if (s["name"] == "index.html") s["digest"]["sha256"] = new_digest;
  write_file(d.manifest, m.dump(2) + "\n");

  auto unkeyed = verify("--manifest " + shell_quote(d.manifest) + " " + shell_quote(d.site));
  CHECK(unkeyed.status == 0);  // without the key the forgery is consistent

  auto keyed = verify("--manifest " + shell_quote(d.manifest) + " --key " + pub + " --format json " +
                      shell_quote(d.site));
  INFO(keyed.output);
  CHECK(keyed.status == 1);
  json j = json::parse(keyed.output);
  CHECK(j["signature"]["status"] == "bad");
  CHECK(j["clean"] == false);

  // The envelope alone, given as the manifest, still proves the site was changed.
  auto from_envelope = verify("--manifest " + shell_quote(d.manifest + ".dsse.json") + " --key " +
                              pub + " --format json " + shell_quote(d.site));
  CHECK(from_envelope.status == 1);
  json k = json::parse(from_envelope.output);
  CHECK(k["signature"]["status"] == "valid");
  CHECK(paths(k["modified"]) == std::set<std::string>{"index.html"});

  auto other_key = verify("--manifest " + shell_quote(d.manifest + ".dsse.json") + " --key " +
                          shell_quote(e.stranger.private_path + ".pub") + " --format json " +
                          shell_quote(d.site));
  CHECK(other_key.status == 1);
  CHECK(json::parse(other_key.output)["signature"]["status"] == "bad");

  fs::remove(d.manifest + ".dsse.json");
  auto absent = verify("--manifest " + shell_quote(d.manifest) + " --key " + pub + " --format json " +
                       shell_quote(d.site));
  CHECK(absent.status == 1);
  CHECK(json::parse(absent.output)["signature"]["status"] == "absent");
}

TEST_CASE("verify exits 2 when it cannot compare at all", "[verify]") {
  Deployment d;
  auto r = verify("--manifest " + shell_quote(d.manifest) + " --format json " +
                  shell_quote(d.dir.path() + "/nowhere"));
  CHECK(r.status == 2);
  CHECK(json::parse(r.output).contains("error"));
  write_file(d.dir.path() + "/bad.json", "{\"_type\": \"something else\"}");
  auto bad = verify("--manifest " + shell_quote(d.dir.path() + "/bad.json") + " --format json " +
                    shell_quote(d.site));
  CHECK(bad.status == 2);
  CHECK(json::parse(bad.output)["error"]["rule"] == "manifest.invalid");
  auto no_key = verify("--manifest " + shell_quote(d.manifest) + " --key " +
                       shell_quote(d.dir.path() + "/missing.pub") + " " + shell_quote(d.site));
  CHECK(no_key.status == 2);
  auto both = verify("--manifest " + shell_quote(d.manifest) + " " + shell_quote(d.site) +
                     " --base-url http://127.0.0.1:1/");
  CHECK(both.status == 2);
  auto refused = verify("--manifest " + shell_quote(d.manifest) + " --base-url http://127.0.0.1:" +
                        std::to_string(free_port()) + "/");
  CHECK(refused.status == 2);
}

TEST_CASE("verify over HTTP compares every subject served by nginx on 127.0.0.1", "[verify]") {
  std::string nginx = find_nginx();
  if (nginx.empty()) {
    WARN("nginx is not installed (scripts/install-deps.sh installs it): HTTP verify not tested");
    return;
  }
  Deployment d;
  Nginx server(nginx, d.site);
  auto& e = example();
  const std::string pub = shell_quote(e.deploy.private_path + ".pub");

  auto clean = verify("--manifest " + shell_quote(d.manifest) + " --key " + pub +
                      " --format json --base-url " + server.url());
  INFO(clean.output);
  REQUIRE(clean.status == 0);
  json c = json::parse(clean.output);
  CHECK(c["extra"].is_null());
  CHECK(c["extra_checked"] == false);
  REQUIRE(c["notes"].size() == 1);
  CHECK(c["notes"][0].get<std::string>().find("HTTP") != std::string::npos);
  CHECK(c["signature"]["status"] == "valid");

  write_file(d.site + "/index.html", "<html>被篡改</html>");
  REQUIRE(fs::remove(d.site + "/tzgg/index.html"));
  write_file(d.site + "/tzgg/2025-lottery.html", "<html>暗链</html>");
  auto drift = verify("--manifest " + shell_quote(d.manifest) + " --format json --base-url " +
                      server.url());
  INFO(drift.output);
  CHECK(drift.status == 1);
  json j = json::parse(drift.output);
  CHECK(paths(j["modified"]) == std::set<std::string>{"index.html"});
  CHECK(paths(j["missing"]) == std::set<std::string>{"tzgg/index.html"});
  CHECK(j["extra"].is_null());

  auto text = verify("--manifest " + shell_quote(d.manifest) + " --base-url " + server.url());
  CHECK(text.status == 1);
  CHECK(text.output.find("HTTP") != std::string::npos);
}
