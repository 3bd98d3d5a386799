#include "core/git_repo.h"

#include <git2.h>

#include <algorithm>
#include <mutex>

namespace sanshen {
namespace {

std::string last_git_error() {
  const git_error* e = git_error_last();
  return e && e->message ? e->message : "unknown libgit2 error";
}

Error git_failure(const std::string& what, const std::string& path = {}) {
  return make_error("repo.corrupt", "仓库读取失败 (repository read failed): " + what + ": " +
                                        last_git_error(),
                    path);
}

std::string oid_hex(const git_oid* oid) {
  char buf[GIT_OID_HEXSZ + 1];
  git_oid_tostr(buf, sizeof buf, oid);
  return buf;
}

bool parse_oid(const std::string& hex, git_oid* out) {
  return hex.size() == GIT_OID_HEXSZ && git_oid_fromstr(out, hex.c_str()) == 0;
}

template <class T, void (*Free)(T*)>
struct Owned {
  T* p = nullptr;
  ~Owned() {
    if (p) Free(p);
  }
};

class GitRepository final : public Repository {
 public:
  GitRepository(git_repository* repo, std::string path) : repo_(repo), path_(std::move(path)) {}
  ~GitRepository() override { git_repository_free(repo_); }

  Result<std::string> resolve_commit(const std::string& rev) override {
    Owned<git_object, git_object_free> obj;
    if (git_revparse_single(&obj.p, repo_, rev.c_str()) != 0)
      return make_error("config.invalid",
                        "找不到修订版本 (unknown revision) '" + rev + "': " + last_git_error());
    Owned<git_object, git_object_free> commit;
    if (git_object_peel(&commit.p, obj.p, GIT_OBJECT_COMMIT) != 0)
      return make_error("config.invalid", "修订版本不是提交 (revision is not a commit): " + rev);
    return oid_hex(git_object_id(commit.p));
  }

  Result<CommitLinks> commit_links(const std::string& id) override {
    git_oid oid;
    if (!parse_oid(id, &oid)) return make_error("repo.corrupt", "无效的对象 ID (bad object id): " + id);
    Owned<git_commit, git_commit_free> c;
    if (git_commit_lookup(&c.p, repo_, &oid) != 0) return git_failure("commit " + id);
    CommitLinks links;
    links.tree = oid_hex(git_commit_tree_id(c.p));
    for (unsigned i = 0; i < git_commit_parentcount(c.p); ++i)
      links.parents.push_back(oid_hex(git_commit_parent_id(c.p, i)));
    return links;
  }

  Result<std::string> read_raw_commit(const std::string& id) override {
    git_oid oid;
    if (!parse_oid(id, &oid)) return make_error("repo.corrupt", "无效的对象 ID (bad object id): " + id);
    Owned<git_odb, git_odb_free> odb;
    if (git_repository_odb(&odb.p, repo_) != 0) return git_failure("odb");
    Owned<git_odb_object, git_odb_object_free> obj;
    if (git_odb_read(&obj.p, odb.p, &oid) != 0) return git_failure("read commit " + id);
    if (git_odb_object_type(obj.p) != GIT_OBJECT_COMMIT)
      return make_error("repo.corrupt", "对象不是提交 (object is not a commit): " + id);
    return std::string(static_cast<const char*>(git_odb_object_data(obj.p)),
                       git_odb_object_size(obj.p));
  }

  Result<std::vector<TreeEntry>> list_tree(const std::string& commit,
                                           const std::string& prefix) override {
    auto tree = commit_tree(commit);
    if (!tree) return tree.error();
    Owned<git_tree, git_tree_free> root{*tree};
    std::vector<TreeEntry> out;
    git_tree* start = root.p;
    Owned<git_tree, git_tree_free> sub;
    if (!prefix.empty()) {
      Owned<git_tree_entry, git_tree_entry_free> entry;
      if (git_tree_entry_bypath(&entry.p, root.p, prefix.c_str()) != 0) return out;
      if (git_tree_entry_type(entry.p) != GIT_OBJECT_TREE) return out;
      if (git_tree_lookup(&sub.p, repo_, git_tree_entry_id(entry.p)) != 0)
        return git_failure("tree " + prefix);
      start = sub.p;
    }
    struct Walk {
      std::vector<TreeEntry>* out;
      std::string prefix;
    } walk{&out, prefix.empty() ? "" : prefix + "/"};
    int rc = git_tree_walk(
        start, GIT_TREEWALK_PRE,
        [](const char* root_path, const git_tree_entry* e, void* payload) -> int {
          auto* w = static_cast<Walk*>(payload);
          if (git_tree_entry_type(e) != GIT_OBJECT_BLOB) return 0;
          git_filemode_t mode = git_tree_entry_filemode(e);
          if (mode != GIT_FILEMODE_BLOB && mode != GIT_FILEMODE_BLOB_EXECUTABLE) return 0;
          w->out->push_back({w->prefix + root_path + git_tree_entry_name(e),
                             oid_hex(git_tree_entry_id(e))});
          return 0;
        },
        &walk);
    if (rc != 0) return git_failure("walk tree of " + commit);
    std::sort(out.begin(), out.end(),
              [](const TreeEntry& a, const TreeEntry& b) { return a.path < b.path; });
    return out;
  }

  Result<std::optional<std::string>> blob_at(const std::string& commit,
                                             const std::string& path) override {
    auto tree = commit_tree(commit);
    if (!tree) return tree.error();
    Owned<git_tree, git_tree_free> root{*tree};
    Owned<git_tree_entry, git_tree_entry_free> entry;
    int rc = git_tree_entry_bypath(&entry.p, root.p, path.c_str());
    if (rc == GIT_ENOTFOUND) return std::optional<std::string>();
    if (rc != 0) return git_failure("lookup " + path);
    if (git_tree_entry_type(entry.p) != GIT_OBJECT_BLOB) return std::optional<std::string>();
    return std::optional<std::string>(oid_hex(git_tree_entry_id(entry.p)));
  }

  Result<std::optional<std::string>> entry_in_tree(const std::string& tree,
                                                   const std::string& path) override {
    git_oid oid;
    if (!parse_oid(tree, &oid)) return make_error("repo.corrupt", "无效的对象 ID (bad object id): " + tree);
    Owned<git_tree, git_tree_free> t;
    if (git_tree_lookup(&t.p, repo_, &oid) != 0) return git_failure("tree " + tree);
    Owned<git_tree_entry, git_tree_entry_free> entry;
    int rc = git_tree_entry_bypath(&entry.p, t.p, path.c_str());
    if (rc == GIT_ENOTFOUND) return std::optional<std::string>();
    if (rc != 0) return git_failure("lookup " + path);
    return std::optional<std::string>(oid_hex(git_tree_entry_id(entry.p)));
  }

  Result<std::vector<TreeEntry>> tree_children(const std::string& tree) override {
    git_oid oid;
    if (!parse_oid(tree, &oid)) return make_error("repo.corrupt", "无效的对象 ID (bad object id): " + tree);
    Owned<git_object, git_object_free> object;
    if (git_object_lookup(&object.p, repo_, &oid, GIT_OBJECT_ANY) != 0) return git_failure("object " + tree);
    std::vector<TreeEntry> out;
    if (git_object_type(object.p) != GIT_OBJECT_TREE) return out;
    auto* t = reinterpret_cast<git_tree*>(object.p);
    const size_t n = git_tree_entrycount(t);
    out.reserve(n);
    for (size_t i = 0; i < n; ++i) {
      const git_tree_entry* e = git_tree_entry_byindex(t, i);
      out.push_back({git_tree_entry_name(e), oid_hex(git_tree_entry_id(e))});
    }
    return out;
  }

  Result<std::string> read_blob(const std::string& id) override {
    git_oid oid;
    if (!parse_oid(id, &oid)) return make_error("repo.corrupt", "无效的对象 ID (bad object id): " + id);
    Owned<git_blob, git_blob_free> blob;
    if (git_blob_lookup(&blob.p, repo_, &oid) != 0) return git_failure("read blob " + id);
    return std::string(static_cast<const char*>(git_blob_rawcontent(blob.p)),
                       static_cast<size_t>(git_blob_rawsize(blob.p)));
  }

  Result<std::vector<std::string>> commits_reachable(const std::string& tip) override {
    git_oid oid;
    if (!parse_oid(tip, &oid)) return make_error("repo.corrupt", "无效的对象 ID (bad object id): " + tip);
    Owned<git_revwalk, git_revwalk_free> walk;
    if (git_revwalk_new(&walk.p, repo_) != 0) return git_failure("revwalk");
    git_revwalk_sorting(walk.p, GIT_SORT_TOPOLOGICAL);
    if (git_revwalk_push(walk.p, &oid) != 0) return git_failure("revwalk " + tip);
    std::vector<std::string> out;
    int rc;
    while ((rc = git_revwalk_next(&oid, walk.p)) == 0) out.push_back(oid_hex(&oid));
    if (rc != GIT_ITEROVER) return git_failure("revwalk " + tip);
    return out;
  }

  Result<std::vector<TreeEntry>> staged_files() override {
    Owned<git_index, git_index_free> index;
    if (git_repository_index(&index.p, repo_) != 0) return git_failure("index");
    Owned<git_tree, git_tree_free> head_tree;
    git_object* head = nullptr;
    if (git_revparse_single(&head, repo_, "HEAD^{tree}") == 0)
      head_tree.p = reinterpret_cast<git_tree*>(head);  // an unborn HEAD compares with nothing
    Owned<git_diff, git_diff_free> diff;
    if (git_diff_tree_to_index(&diff.p, repo_, head_tree.p, index.p, nullptr) != 0)
      return git_failure("diff HEAD to index");
    std::vector<TreeEntry> out;
    for (size_t i = 0; i < git_diff_num_deltas(diff.p); ++i) {
      const git_diff_delta* d = git_diff_get_delta(diff.p, i);
      if (d->status == GIT_DELTA_DELETED) continue;
      out.push_back({d->new_file.path, oid_hex(&d->new_file.id)});
    }
    std::sort(out.begin(), out.end(),
              [](const TreeEntry& a, const TreeEntry& b) { return a.path < b.path; });
    return out;
  }

 private:
  // Caller owns the returned tree.
  Result<git_tree*> commit_tree(const std::string& commit) {
    // Page lookups ask about the same commit thousands of times in a row; its tree id is kept
    // so the commit is parsed once (commits are not in libgit2's object cache, see below).
    if (commit != last_commit_) {
      git_oid oid;
      if (!parse_oid(commit, &oid)) return make_error("repo.corrupt", "无效的对象 ID (bad object id): " + commit);
      Owned<git_commit, git_commit_free> c;
      if (git_commit_lookup(&c.p, repo_, &oid) != 0) return git_failure("commit " + commit);
      git_oid_cpy(&last_tree_, git_commit_tree_id(c.p));
      last_commit_ = commit;
    }
    git_tree* tree = nullptr;
    if (git_tree_lookup(&tree, repo_, &last_tree_) != 0) return git_failure("tree of " + commit);
    return tree;
  }

  git_repository* repo_;
  std::string path_;
  std::string last_commit_;
  git_oid last_tree_{};
};

void init_libgit2_once() {
  static std::once_flag once;
  std::call_once(once, [] {
    git_libgit2_init();
    // Section trees of large sites exceed libgit2's default 4 KiB cache limit for trees, and
    // every page lookup would inflate them again.
    git_libgit2_opts(GIT_OPT_SET_CACHE_OBJECT_LIMIT, GIT_OBJECT_TREE, size_t{1} << 20);
    // The history pass reads every commit once: caching them only grows the peak memory.
    git_libgit2_opts(GIT_OPT_SET_CACHE_OBJECT_LIMIT, GIT_OBJECT_COMMIT, size_t{0});
    // Each handle of a parallel build has its own object cache (default 256 MiB); objects are
    // read about once, so a small cache keeps the peak memory down without costing reads.
    git_libgit2_opts(GIT_OPT_SET_CACHE_MAX_SIZE, ssize_t{8} << 20);
    // Pack files are read through mapped windows whose pages stay resident while mapped: cap
    // the mapped total (default 8 GiB) so a large history does not count in full against the
    // build's memory.
    git_libgit2_opts(GIT_OPT_SET_MWINDOW_SIZE, size_t{4} << 20);
    git_libgit2_opts(GIT_OPT_SET_MWINDOW_MAPPED_LIMIT, size_t{16} << 20);
  });
}

}  // namespace

Result<std::unique_ptr<Repository>> open_repository(const std::string& path) {
  init_libgit2_once();
  git_repository* repo = nullptr;
  if (git_repository_open_ext(&repo, path.c_str(), GIT_REPOSITORY_OPEN_NO_SEARCH, nullptr) != 0)
    return make_error("repo.corrupt", "无法打开 git 仓库 (cannot open git repository): " +
                                          last_git_error(),
                      path);
  return std::unique_ptr<Repository>(new GitRepository(repo, path));
}

Result<std::vector<std::unique_ptr<Repository>>> open_repositories(const std::string& path, int count) {
  std::vector<std::unique_ptr<Repository>> out;
  for (int i = 0; i < count; ++i) {
    auto handle = open_repository(path);
    if (!handle) return handle.error();
    out.push_back(std::move(*handle));
  }
  return out;
}

}  // namespace sanshen
