#include "tests/support/review_fixture.h"

namespace sanshen::testing {

ReviewFixture::ReviewFixture() {
  admin = make_ssh_key(repo.keys_dir(), "admin");
  editor = make_ssh_key(repo.keys_dir(), "editor");
  head = make_ssh_key(repo.keys_dir(), "head");
  leader = make_ssh_key(repo.keys_dir(), "leader");
  outsider = make_ssh_key(repo.keys_dir(), "outsider");
  repo.write(".sanshen/site.toml",
             "title = \"测试县人民政府\"\nbase_url = \"https://www.test.example.gov.cn/\"\n"
             "host = \"测试县人民政府办公室\"\noperator = \"测试县大数据中心\"\n"
             "contact = \"0000-1234567\"\nsite_code = \"0000000001\"\n"
             "icp = \"测ICP备00000001号\"\npolice = \"测公网安备00000000000001号\"\n");
  repo.write(".sanshen/policy.toml",
             "[review]\nlevels = [\"初审\", \"复审\", \"终审\"]\nbackdate_tolerance_hours = 24\n"
             "[review.class.\"特级\"]\nadd_levels = [\"主要领导\"]\n");
  repo.write(".sanshen/rules/banned.txt", "# 测试用词表\n赌博\n");
  repo.write("content/tzgg/_index.md", "---\ntitle: 通知公告\norder: 1\nkind: list\n---\n");
  repo.write("content/tzgg/notice.md",
             page("关于开展春季森林防火检查的通知", "各乡镇：请于3月底前完成森林防火隐患排查。"));
  write_roster();
}

std::string ReviewFixture::roster_toml(const std::vector<std::string>& tables) {
  std::string out;
  for (const auto& t : tables) out += t + "\n";
  return out;
}

std::string ReviewFixture::reviewer_table(const std::string& id, const TestKey& key,
                                          const std::string& levels,
                                          const std::string& extra) const {
  return "[[reviewer]]\nid = \"" + id + "\"\nname = \"" + id + "\"\ntitle = \"测试\"\nkeys = [\"" +
         key.public_line + "\"]\nlevels = [" + levels + "]\n" + extra;
}

std::string ReviewFixture::write_roster(const std::vector<std::string>& extra_tables,
                                        const std::string& editor_extra) {
  std::vector<std::string> tables = {
      reviewer_table("admin", admin, "", "roles = [\"admin\"]\n"),
      reviewer_table("editor", editor, "\"初审\"", editor_extra),
      reviewer_table("head", head, "\"复审\""),
      reviewer_table("leader", leader, "\"终审\""),
  };
  tables.insert(tables.end(), extra_tables.begin(), extra_tables.end());
  repo.write(".sanshen/reviewers.toml", roster_toml(tables));
  return repo.commit("名册更新\n", &admin);
}

std::string ReviewFixture::review(const std::string& level, const TestKey* key,
                                  const std::string& path, const std::string& decision,
                                  const std::string& blob) {
  std::string id = blob.empty() ? repo.blob(path) : blob;
  return repo.commit(level + "：" + path + "\n\nReview-Level: " + level + "\nReview-Page: " + path +
                         " " + id + "\nReview-Decision: " + decision + "\nReview-Opinion: 同意。\n",
                     key);
}

void ReviewFixture::approve_fully(const std::string& path) {
  review("初审", &editor, path);
  review("复审", &head, path);
  review("终审", &leader, path);
}

std::string ReviewFixture::page(const std::string& title, const std::string& body,
                                const std::string& extra) {
  return "---\ntitle: " + title + "\ndate: 2025-03-01 09:00\n" + extra + "---\n\n" + body + "\n";
}

}  // namespace sanshen::testing
