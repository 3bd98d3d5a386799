#include "core/shard_merge.h"

#include <catch2/catch.hpp>

#include <map>
#include <nlohmann/json.hpp>

#include "core/build.h"
#include "core/build_state.h"
#include "tests/support/build_helper.h"

using namespace sanshen;
using namespace sanshen::testing;

namespace {

// Nine pages: approved, pending, with a fallback, and one refused by the checks.
void make_site(ReviewFixture& fx) {
  for (int i = 0; i < 8; ++i) {
    const std::string path = "content/tzgg/page" + std::to_string(i) + ".md";
    fx.repo.write(path, ReviewFixture::page("通知" + std::to_string(i),
                                            "正文第" + std::to_string(i) + "段。"));
    fx.repo.commit("编辑\n");
    if (i % 3 != 2) fx.approve_fully(path);
  }
  fx.repo.write("content/tzgg/page1.md", ReviewFixture::page("通知1", "修改后的正文。"));
  fx.repo.commit("编辑\n");
  fx.repo.write("content/tzgg/page4.md", ReviewFixture::page("通知4", "涉及赌博的内容。"));
  fx.repo.commit("编辑\n");
  fx.approve_fully("content/tzgg/page4.md");
  fx.approve_fully();
}

struct Sharded {
  TempDir root;
  std::vector<std::string> states;
  std::vector<BuildResult> shard_results;
};

void build_shards(ReviewFixture& fx, int count, Sharded& s) {
  for (int i = 1; i <= count; ++i) {
    BuildOptions o;
    o.repo_path = fx.repo.path();
    o.out_dir = s.root.path() + "/unused";
    o.manifest_path = s.root.path() + "/unused.json";
    o.insecure_no_introduction = true;
    o.build_time = 1767225600;
    o.now = o.build_time;
    o.no_cache = true;
    o.shard = ShardSpec{i, count};
    o.shard_state_path = s.root.path() + "/shard-" + std::to_string(i) + ".json";
    NullReporter reporter;
    s.shard_results.push_back(run_build(o, real_file_system(), reporter));
    s.states.push_back(o.shard_state_path);
  }
}

BuildResult merge(ReviewFixture& fx, const std::vector<std::string>& states,
                  const std::string& dir) {
  MergeOptions m;
  m.state_paths = states;
  m.repo_path = fx.repo.path();
  m.out_dir = dir + "/public";
  m.manifest_path = dir + "/provenance.json";
  m.jobs = 2;
  NullReporter reporter;
  return run_merge(m, real_file_system(), reporter);
}

}  // namespace

TEST_CASE("shards merged give the site and manifest of a single build", "[shard_merge]") {
  ReviewFixture fx;
  make_site(fx);
  auto single = build_fixture(fx, "", [](BuildOptions& o) { o.no_cache = true; });
  REQUIRE_FALSE(single->result.fatal);
  REQUIRE(single->result.refused.size() >= 3);

  for (int count : {1, 3}) {
    Sharded s;
    build_shards(fx, count, s);
    for (const auto& r : s.shard_results) REQUIRE_FALSE(r.fatal);
    TempDir merged;
    BuildResult m = merge(fx, s.states, merged.path());
    REQUIRE_FALSE(m.fatal);
    CHECK(read_tree(merged.path() + "/public") == read_tree(single->out()));
    CHECK(read_file(merged.path() + "/provenance.json") ==
          read_file(single->options.manifest_path));
    CHECK(m.published.size() == single->result.published.size());
    CHECK(m.refused.size() == single->result.refused.size());
  }
}

TEST_CASE("a shard decides only its own pages and writes no site", "[shard_merge]") {
  ReviewFixture fx;
  make_site(fx);
  Sharded s;
  build_shards(fx, 3, s);
  std::size_t decided = 0;
  for (std::size_t i = 0; i < s.shard_results.size(); ++i) {
    const BuildResult& r = s.shard_results[i];
    REQUIRE_FALSE(r.fatal);
    CHECK(r.outputs.empty());
    for (const auto& p : r.published) CHECK(in_shard(p.path, ShardSpec{int(i) + 1, 3}));
    for (const auto& p : r.refused) CHECK(in_shard(p.path, ShardSpec{int(i) + 1, 3}));
    decided += r.refused.size() + r.published.size();
  }
  CHECK(decided >= 9);
  CHECK_FALSE(real_file_system().exists(s.root.path() + "/unused"));
}

TEST_CASE("a merge with a shard missing, repeated or from another build is refused",
          "[shard_merge]") {
  ReviewFixture fx;
  make_site(fx);
  Sharded s;
  build_shards(fx, 3, s);
  TempDir out;
  SECTION("missing") {
    BuildResult m = merge(fx, {s.states[0], s.states[2]}, out.path());
    REQUIRE(m.fatal);
    CHECK(m.fatal->rule == "shard.incomplete");
  }
  SECTION("repeated") {
    BuildResult m = merge(fx, {s.states[0], s.states[1], s.states[1]}, out.path());
    REQUIRE(m.fatal);
    CHECK(m.fatal->rule == "shard.incomplete");
  }
  SECTION("another revision") {
    fx.approve_fully("content/tzgg/page2.md");
    Sharded later;
    build_shards(fx, 3, later);
    BuildResult m = merge(fx, {s.states[0], later.states[1], s.states[2]}, out.path());
    REQUIRE(m.fatal);
    CHECK(m.fatal->rule == "shard.mismatch");
  }
  SECTION("a page dropped from a state") {
    auto state = parse_build_state(read_file(s.states[1]), s.states[1]);
    REQUIRE(state);
    REQUIRE(state->result.published.size() + state->result.refused.size() > 0);
    if (!state->result.published.empty())
      state->result.published.pop_back();
    else
      state->result.refused.pop_back();
    write_file(s.states[1], build_state_json(*state));
    BuildResult m = merge(fx, s.states, out.path());
    REQUIRE(m.fatal);
    CHECK(m.fatal->rule == "shard.incomplete");
  }
  SECTION("not a state") {
    write_file(s.states[1], "{\"format\": \"other\"}");
    BuildResult m = merge(fx, s.states, out.path());
    REQUIRE(m.fatal);
    CHECK(m.fatal->rule == "shard.invalid");
    CHECK(m.fatal->path == s.states[1]);
  }
  CHECK_FALSE(real_file_system().exists(out.path() + "/public"));
}

TEST_CASE("a build state round-trips through its JSON form", "[build_state]") {
  ReviewFixture fx;
  make_site(fx);
  auto single = build_fixture(fx, "", [](BuildOptions& o) { o.no_cache = true; });
  REQUIRE_FALSE(single->result.fatal);
  BuildState state = state_of(single->options, ShardSpec{2, 5}, single->result);
  const std::string text = build_state_json(state);
  auto back = parse_build_state(text, "state.json");
  REQUIRE(back);
  CHECK(back->shard == ShardSpec{2, 5});
  CHECK(build_state_json(*back) == text);
  // Printed piece by piece on several threads, it is still nlohmann's own compact form.
  CHECK(build_state_json(state, 3) == text);
  CHECK(nlohmann::json::parse(text).dump() + "\n" == text);
  CHECK_FALSE(state.result.published.empty());
  CHECK(nlohmann::json::parse(text).at("result").at("published").size() == state.result.published.size());
}

TEST_CASE("shard specs are i/n with 1 <= i <= n", "[build_state]") {
  CHECK(parse_shard("1/1"));
  CHECK(parse_shard("3/4")->index == 3);
  for (const char* bad : {"0/2", "3/2", "1/0", "a/b", "1/", "/2", "1/2/3", "-1/2", "1/99999"}) {
    INFO(bad);
    CHECK_FALSE(parse_shard(bad));
  }
  int in_some = 0;
  for (int i = 1; i <= 4; ++i) in_some += in_shard("content/a/b.md", ShardSpec{i, 4}) ? 1 : 0;
  CHECK(in_some == 1);
}
