#include "core/search_index.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using namespace sanshen;

namespace {

// The doc numbers a key's list of gaps stands for.
std::vector<std::uint32_t> ids_of(const nlohmann::json& gaps) {
  std::vector<std::uint32_t> ids;
  std::uint32_t id = 0;
  for (const auto& gap : gaps) ids.push_back(id += gap.get<std::uint32_t>());
  return ids;
}

}  // namespace

TEST_CASE("CJK runs are indexed as overlapping bigrams and ASCII runs as lowercased words",
          "[search_index][site]") {
  CHECK(search_tokens("森林防火") == std::vector<std::string>{"森林", "林防", "防火"});
  CHECK(search_tokens("县") == std::vector<std::string>{"县"});
  CHECK(search_tokens("2025年GDP增长") == std::vector<std::string>{"2025", "年", "gdp", "增长"});
  // Full-width letters and digits fold to ASCII; punctuation separates runs.
  CHECK(search_tokens("ＡＢＣ１２，防火。") == std::vector<std::string>{"abc12", "防火"});
  CHECK(search_tokens("  \n").empty());
}

TEST_CASE("the search index finds a known two-character word in exactly the pages with it",
          "[search_index][site]") {
  const std::string json = search_index_json({
      {"tzgg/fire/", "关于做好春季森林防火工作的通知", "通知公告", "2025-02-21 09:00", "各乡镇：请做好防火。"},
      {"zwdt/road/", "农村公路安全生命防护工程", "政务动态", "2025-04-10", "公路建设。"},
      {"zwdt/farm/", "春耕生产推进会", "政务动态", "2025-02-20", "会议部署了春季森林防火工作。"},
  });
  const auto root = nlohmann::json::parse(json);
  CHECK(root["docs"].size() == 3);
  CHECK(root["docs"][0]["u"] == "tzgg/fire/");
  CHECK(root["docs"][1]["t"] == "农村公路安全生命防护工程");
  CHECK(root["docs"][2]["s"] == "政务动态");
  CHECK(ids_of(root["index"]["防火"]) == std::vector<std::uint32_t>{0, 2});
  CHECK(ids_of(root["index"]["公路"]) == std::vector<std::uint32_t>{1});
  CHECK_FALSE(root["index"].contains("2025"));  // dates are shown, not indexed
  CHECK(json == search_index_json({
                    {"tzgg/fire/", "关于做好春季森林防火工作的通知", "通知公告", "2025-02-21 09:00", "各乡镇：请做好防火。"},
                    {"zwdt/road/", "农村公路安全生命防护工程", "政务动态", "2025-04-10", "公路建设。"},
                    {"zwdt/farm/", "春耕生产推进会", "政务动态", "2025-02-20", "会议部署了春季森林防火工作。"},
                }));
}

TEST_CASE("page text for the index keeps inline words together and splits blocks", "[search_index][site]") {
  CHECK(html_to_text("<h2>一、说明</h2>\n<p>森林<strong>防火</strong>&amp;安全</p><p>第二段</p>") ==
        "一、说明 森林防火&安全 第二段");
  CHECK(html_to_text("<p>a &lt;b&gt; &quot;c&quot;</p>") == "a <b> \"c\"");
}

TEST_CASE("an excerpt cuts at a character boundary and marks the cut", "[search_index][site]") {
  CHECK(excerpt("森林防火", 2) == "森林…");
  CHECK(excerpt("森林防火", 4) == "森林防火");
  CHECK(excerpt("ab", 5) == "ab");
}

TEST_CASE("the index is the same whether documents come in one batch or many, on one thread or several",
          "[search_index][site]") {
  const std::u32string alphabet = U"森林防火公路春耕县乡镇通知工作安全";
  std::vector<SearchDocument> docs;
  std::uint32_t seed = 7;
  for (int i = 0; i < 300; ++i) {
    std::string text;
    for (int k = 0; k < 40; ++k) {
      seed = seed * 1103515245u + 12345u;
      const char32_t c = alphabet[(seed >> 16) % alphabet.size()];
      text += static_cast<char>(0xE0 | (c >> 12));
      text += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      text += static_cast<char>(0x80 | (c & 0x3F));
      if (k % 9 == 0) text += " GDP" + std::to_string(k % 4) + " ";
    }
    docs.push_back({"p/" + std::to_string(i) + "/", "标题" + std::to_string(i), "栏目", "2025-01-01", text});
  }
  const std::string one = search_index_json(docs);

  SearchIndexBuilder batched;
  for (std::size_t begin = 0; begin < docs.size(); begin += 37) {
    const auto end = docs.begin() + static_cast<std::ptrdiff_t>(std::min(docs.size(), begin + 37));
    batched.add(std::vector<SearchDocument>(docs.begin() + static_cast<std::ptrdiff_t>(begin), end), 3);
  }
  std::string many;
  batched.append_json(many);
  CHECK(many == one);

  const auto root = nlohmann::json::parse(one);
  REQUIRE(root["docs"].size() == docs.size());
  std::string previous;
  for (const auto& [token, ids] : root["index"].items()) {
    CHECK(token > previous);
    previous = token;
    // Gaps after the first are positive: the numbers ascend.
    for (std::size_t i = 1; i < ids.size(); ++i) CHECK(ids[i] > 0);
  }
  CHECK(root["index"]["gdp0"].size() == docs.size());
}

TEST_CASE("document numbers far apart come back exactly, in order", "[search_index]") {
  // Gaps of 1, 129 (two bytes) and 16,371 and 20,000 (three bytes) between pages that share a
  // word, across batches.
  const std::vector<std::uint32_t> with_word = {0, 1, 130, 16501, 36501};
  SearchIndexBuilder builder;
  std::vector<SearchDocument> batch;
  std::size_t next = 0;
  for (std::uint32_t id = 0; id <= with_word.back(); ++id) {
    const bool has = next < with_word.size() && with_word[next] == id;
    if (has) ++next;
    batch.push_back({"p/", "", "", "", has ? "防火 zeta" : "其他"});
    if (batch.size() == 10000) {
      builder.add(batch, 2);
      batch.clear();
    }
  }
  builder.add(batch, 2);
  std::string out;
  builder.append_json(out);
  // Grown once, to its size: a string that doubles past its reserve is left with up to twice
  // the capacity it needs (the index of 100,000 pages is 80 MB).
  CHECK(out.capacity() - out.size() < 64);
  const auto index = nlohmann::json::parse(out).at("index");
  CHECK(ids_of(index.at("防火")) == with_word);
  CHECK(ids_of(index.at("zeta")) == with_word);
  // In the file: the first number, then each gap.
  CHECK(index.at("防火") == nlohmann::json::array({0, 1, 129, 16371, 20000}));
  const auto others = ids_of(index.at("其他"));
  CHECK(others.size() == with_word.back() + 1 - with_word.size());
  CHECK(std::is_sorted(others.begin(), others.end()));
}
