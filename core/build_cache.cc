#include "core/build_cache.h"

#include <algorithm>
#include <atomic>
#include <charconv>
#include <set>
#include <string_view>

#include "core/build_state.h"
#include "core/hash.h"
#include "core/parallel.h"
#include "core/ref_files.h"
#include "core/sealed_file.h"
#include "core/templates.h"

namespace sanshen {
namespace {

constexpr std::string_view kHeader = "sanshen build cache v2\n";
constexpr const char* kFileName = "/build-v2";

std::string join(const std::string& dir, std::string_view rel) {
  return rel.empty() ? dir : dir + "/" + std::string(rel);
}

std::string stamp_text(const FileStamp& s) {
  return std::to_string(s.size) + "\t" + std::to_string(s.mtime_ns) + "\t" +
         std::to_string(s.inode);
}

// Splits a line at tabs into exactly `n` fields.
bool fields(std::string_view line, std::size_t n, std::vector<std::string_view>& out) {
  out.clear();
  std::size_t start = 0;
  while (out.size() + 1 < n) {
    std::size_t tab = line.find('\t', start);
    if (tab == std::string_view::npos) return false;
    out.push_back(line.substr(start, tab - start));
    start = tab + 1;
  }
  out.push_back(line.substr(start));
  return out.back().find('\t') == std::string_view::npos;
}

template <typename T>
bool number(std::string_view s, T& out) {
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && end == s.data() + s.size() && !s.empty();
}

bool stamp_of(std::string_view size, std::string_view mtime, std::string_view inode,
              FileStamp& out) {
  return number(size, out.size) && number(mtime, out.mtime_ns) && number(inode, out.inode);
}

bool printable(const std::string& s) { return s.find_first_of("\t\n\r") == std::string::npos; }

// Whether every record's path (under out_dir) still has the stamp it was recorded with; the
// look-ups run on `jobs` threads, as a site has tens of thousands of them.
template <typename Record>
bool stamps_unchanged(FileSystem& fs, const std::string& out_dir,
                      const std::vector<Record>& records, int jobs) {
  std::atomic<bool> same{true};
  parallel_for(records.size(), jobs, [&](std::size_t i, int) {
    if (same.load(std::memory_order_relaxed) &&
        fs.stamp(join(out_dir, records[i].path)) != records[i].stamp)
      same = false;
  });
  return same;
}

// Every directory that holds an output, relative to the site root ("" is the root).
std::vector<std::string> directories_of(const std::vector<OutputDigest>& outputs) {
  std::set<std::string> dirs{""};
  for (const auto& o : outputs) {
    for (std::size_t slash = o.path.find('/'); slash != std::string::npos;
         slash = o.path.find('/', slash + 1))
      dirs.insert(o.path.substr(0, slash));
  }
  return {dirs.begin(), dirs.end()};
}

// What the cache keeps of a result besides its lines of outputs and published pages: the
// refusals and counts (approvals and warnings are in the manifest on disk).
BuildResult scalars_of(const BuildResult& r) {
  BuildResult s;
  s.revision = r.revision;
  s.refused = r.refused;
  s.checks_run = r.checks_run;
  s.rules_digest = r.rules_digest;
  s.theme_digest = r.theme_digest;
  s.signatures_verified = r.signatures_verified;
  s.signatures_cached = r.signatures_cached;
  s.files_written = r.files_written;
  return s;
}

// "<blob>\t<0|1 fallback>\t<path>[\t<output>]…", the page's outputs after its path.
bool published_of(std::string_view line, PublishedPage& out) {
  std::vector<std::string_view> f;
  std::size_t start = 0;
  for (;;) {
    const std::size_t tab = line.find('\t', start);
    f.push_back(line.substr(start, tab == std::string_view::npos ? tab : tab - start));
    if (tab == std::string_view::npos) break;
    start = tab + 1;
  }
  if (f.size() < 3 || (f[1] != "0" && f[1] != "1") || f[0].empty() || f[2].empty()) return false;
  out.blob = f[0];
  out.fallback = f[1] == "1";
  out.path = f[2];
  out.outputs.assign(f.begin() + 3, f.end());
  return true;
}

}  // namespace

TimeWindow TimeWindow::around(int64_t now, const std::vector<int64_t>& events) {
  TimeWindow w;
  for (int64_t e : events) {
    // Rules compare "publish_at > now" and "expires <= now": an event at `now` has happened.
    if (e <= now)
      w.from = std::max(w.from, e);
    else
      w.until = std::min(w.until, e);
  }
  return w;
}

std::string BuildCache::key_of(const BuildOptions& options, const std::string& revision) {
  std::string input =
      std::string(kHeader) + SANSHEN_VERSION + "\n" + revision + "\n" + options.repo_path + "\n" +
      options.introduction + "\n" + (options.insecure_no_introduction ? "insecure\n" : "-\n") +
      (options.strict ? "strict\n" : "-\n") + std::to_string(options.build_time) + "\n" +
      without_trailing_slashes(options.out_dir) + "\n" + options.manifest_path + "\n";
  input += default_theme_listing();
  return sha256_hex(input);
}

BuildCache BuildCache::load_for(FileSystem& fs, const BuildOptions& options) {
  if (options.no_cache || !options.shard_state_path.empty()) return load(fs, std::string());
  const bool in_repo = options.cache_dir.empty();
  return load(fs, in_repo ? options.repo_path + "/.git/sanshen" : options.cache_dir);
}

BuildCache BuildCache::load(FileSystem& fs, const std::string& dir) {
  BuildCache c;
  c.dir_ = dir;
  if (dir.empty() || !fs.exists(dir + kFileName)) return c;
  auto read = fs.map_file(dir + kFileName);
  if (!read) return c;
  c.text_ = std::move(*read);
  const std::string_view text = c.text_->bytes();
  auto reject = [&] {
    BuildCache empty;
    empty.dir_ = dir;
    empty.discarded_ = true;
    return empty;
  };
  const std::optional<std::string_view> unsealed = unsealed_lines(text, kHeader);
  if (!unsealed) return reject();
  const std::string_view body = *unsealed;

  // Each list sized once to the line count, its upper bound: regrowing touched twice their
  // memory in fresh pages, while the reserve beyond what is used is never touched.
  const auto lines = static_cast<std::size_t>(std::count(body.begin(), body.end(), '\n'));
  c.dirs_.reserve(lines);
  c.files_.reserve(lines);
  c.published_.reserve(lines);
  c.stat_order_.reserve(lines);
  std::size_t pos = 0;
  std::vector<std::string_view> f;
  while (pos < body.size()) {
    std::size_t end = body.find('\n', pos);
    if (end == std::string_view::npos) return reject();
    std::string_view line = body.substr(pos, end - pos);
    pos = end + 1;
    const std::string_view tag = line.substr(0, line.find('\t'));
    line.remove_prefix(std::min(line.size(), tag.size() + 1));
    if (tag == "key" && fields(line, 1, f)) {
      c.key_ = f[0];
    } else if (tag == "window" && fields(line, 2, f)) {
      if (!number(f[0], c.window_.from) || !number(f[1], c.window_.until)) return reject();
    } else if (tag == "out" && fields(line, 1, f)) {
      c.out_dir_ = f[0];
    } else if (tag == "manifest" && fields(line, 4, f)) {
      if (!stamp_of(f[0], f[1], f[2], c.manifest_stamp_)) return reject();
      c.manifest_path_ = f[3];
    } else if (tag == "d" && fields(line, 4, f)) {
      Record r{f[3], {}, {}};
      if (!stamp_of(f[0], f[1], f[2], r.stamp)) return reject();
      r.stamp.is_dir = true;
      c.stat_order_.push_back({true, static_cast<std::uint32_t>(c.dirs_.size())});
      c.dirs_.push_back(std::move(r));
    } else if (tag == "f" && fields(line, 5, f)) {
      Record r{f[4], f[0], {}};
      if (!stamp_of(f[1], f[2], f[3], r.stamp)) return reject();
      c.stat_order_.push_back({false, static_cast<std::uint32_t>(c.files_.size())});
      c.files_.push_back(std::move(r));
    } else if (tag == "p") {
      // Parsed only when the build turns out to be up to date.
      c.published_.emplace_back(line);
    } else if (tag == "state") {
      c.state_ = body.substr(pos);
      pos = body.size();
    } else {
      return reject();
    }
  }
  // Looked up by binary search (intact_outputs): a list out of order is not ours.
  const auto out_of_order = [](const Record& a, const Record& b) { return !(a.path < b.path); };
  if (c.key_.empty() || c.state_.empty() ||
      std::adjacent_find(c.files_.begin(), c.files_.end(), out_of_order) != c.files_.end())
    return reject();
  c.loaded_ = true;
  return c;
}

std::optional<BuildResult> BuildCache::up_to_date(FileSystem& fs, const std::string& key,
                                                  int64_t now, const BuildOptions& options) const {
  if (!loaded_ || key != key_ || !window_.contains(now)) return std::nullopt;
  const std::string out = without_trailing_slashes(options.out_dir);
  if (out != out_dir_ || options.manifest_path != manifest_path_) return std::nullopt;
  if (fs.stamp(options.manifest_path) != manifest_stamp_) return std::nullopt;
  const int jobs = std::max(1, options.jobs);
  if (!all_stamps_unchanged(fs, out, jobs)) return std::nullopt;
  auto state = parse_build_state(state_, dir_ + kFileName);
  if (!state) return std::nullopt;
  BuildResult& r = state->result;
  // Tens of thousands of small strings to copy: on all workers, like the stats before.
  r.outputs.resize(files_.size());
  r.published.resize(published_.size());
  std::atomic<bool> parsed{true};
  parallel_for(std::max(files_.size(), published_.size()), jobs, [&](std::size_t i, int) {
    if (i < files_.size())
      r.outputs[i] = {std::string(files_[i].path), std::string(files_[i].sha256)};
    if (i < published_.size() && !published_of(published_[i], r.published[i])) parsed = false;
  });
  if (!parsed) return std::nullopt;
  r.up_to_date = true;
  r.signatures_verified = 0;
  r.signatures_cached = 0;
  return std::move(r);
}

std::optional<BuildResult> BuildCache::up_to_date_at_ref_files(FileSystem& fs,
                                                               const BuildOptions& options,
                                                               std::string& key) const {
  key.clear();
  if (!loaded_) return std::nullopt;
  const auto revision = read_revision_from_files(fs, options.repo_path, options.rev);
  if (!revision) return std::nullopt;
  key = key_of(options, *revision);
  return up_to_date(fs, key, options.now, options);
}

bool BuildCache::directories_unchanged(FileSystem& fs, const std::string& out_dir, int jobs) const {
  return stamps_unchanged(fs, out_dir, dirs_, jobs);
}

bool BuildCache::all_stamps_unchanged(FileSystem& fs, const std::string& out_dir, int jobs) const {
  // Handed out in blocks, not one by one, so a directory and its files stay on one thread.
  constexpr std::size_t kBlock = 256;
  const std::size_t n = stat_order_.size();
  std::atomic<bool> same{true};
  parallel_for((n + kBlock - 1) / kBlock, jobs, [&](std::size_t block, int) {
    std::string path = out_dir;
    const std::size_t end = std::min(n, (block + 1) * kBlock);
    for (std::size_t i = block * kBlock; i < end && same.load(std::memory_order_relaxed); ++i) {
      const Step step = stat_order_[i];
      const Record& r = step.dir ? dirs_[step.index] : files_[step.index];
      path.resize(out_dir.size());
      if (!r.path.empty()) path.append("/").append(r.path);
      if (fs.stamp(path) != r.stamp) same = false;
    }
  });
  return same;
}

BuildCache::IntactOutputs BuildCache::intact_outputs(FileSystem& fs, const std::string& out_dir,
                                                     int jobs) const {
  IntactOutputs out;
  const std::string dir = without_trailing_slashes(out_dir);
  if (!loaded_ || dir != out_dir_) return out;
  if (!directories_unchanged(fs, dir, jobs)) return out;
  out.cache_ = this;
  out.intact_.resize(files_.size());
  parallel_for(files_.size(), jobs, [&](std::size_t i, int) {
    out.intact_[i] = fs.stamp(join(dir, files_[i].path)) == files_[i].stamp;
  });
  out.count_ = static_cast<std::size_t>(std::count(out.intact_.begin(), out.intact_.end(), 1));
  return out;
}

std::optional<FileStamp> BuildCache::IntactOutputs::find(std::string_view path,
                                                         std::string_view sha256) const {
  if (!cache_) return std::nullopt;
  const auto& files = cache_->files_;
  auto it = std::lower_bound(files.begin(), files.end(), path,
                             [](const Record& r, std::string_view p) { return r.path < p; });
  if (it == files.end() || it->path != path || it->sha256 != sha256 ||
      !intact_[static_cast<std::size_t>(it - files.begin())])
    return std::nullopt;
  return it->stamp;
}

std::vector<std::string_view> BuildCache::previous_outputs(const std::string& out_dir) const {
  std::vector<std::string_view> out;
  if (!loaded_ || without_trailing_slashes(out_dir) != out_dir_) return out;
  out.reserve(files_.size());
  for (const auto& f : files_) out.push_back(f.path);
  return out;
}

Status BuildCache::invalidate(FileSystem& fs) {
  loaded_ = false;
  if (dir_.empty() || !fs.exists(dir_ + kFileName)) return ok_status();
  return fs.remove_all(dir_ + kFileName);
}

Status BuildCache::save(FileSystem& fs, const std::string& key, const TimeWindow& window,
                        const BuildOptions& options, const BuildResult& result,
                        const std::vector<FileStamp>& output_stamps) {
  if (dir_.empty()) return ok_status();
  // The previous build's lists are not needed any more: their memory goes before the new
  // text's is taken (at 100,000 outputs, tens of MB at the build's end, where it peaks).
  files_ = {};
  dirs_ = {};
  published_ = {};
  stat_order_ = {};
  text_.reset();
  loaded_ = false;
  const std::string out = without_trailing_slashes(options.out_dir);
  // Names the line format cannot hold are not cached; the next build is then a full one.
  if (!printable(out) || !printable(options.manifest_path) ||
      output_stamps.size() != result.outputs.size())
    return invalidate(fs);
  auto manifest = fs.stamp(options.manifest_path);
  if (!manifest) return invalidate(fs);
  // Directories change whenever an entry is added, so theirs are read now that all is written.
  const std::vector<std::string> dirs = directories_of(result.outputs);
  std::vector<std::optional<FileStamp>> dir_stamps(dirs.size());
  parallel_for(dirs.size(), std::max(1, options.jobs),
               [&](std::size_t i, int) { dir_stamps[i] = fs.stamp(join(out, dirs[i])); });

  // Sized once: doubling a 30 MB string holds both copies for a moment.
  std::size_t size = kHeader.size() + 512 + out.size() + options.manifest_path.size();
  for (const std::string& d : dirs) size += d.size() + 64;
  for (const OutputDigest& o : result.outputs) size += o.path.size() + o.sha256.size() + 64;
  for (const PublishedPage& p : result.published) {
    size += p.path.size() + p.blob.size() + 8;
    for (const std::string& o : p.outputs) size += o.size() + 1;
  }
  std::string body;
  body.reserve(size);
  body += kHeader;
  body += "key\t" + key + "\nwindow\t" + std::to_string(window.from) + "\t" +
          std::to_string(window.until) + "\nout\t" + out + "\nmanifest\t" + stamp_text(*manifest) +
          "\t" + options.manifest_path + "\n";
  // Each directory just before the first file that sorts after it (outputs are in path order,
  // so that is the directory's own first file): the order the no-op checks them in.
  std::size_t next_dir = 0;
  auto write_dirs_before = [&](const std::string* path) {
    for (; next_dir < dirs.size() && (!path || dirs[next_dir] < *path); ++next_dir) {
      if (!dir_stamps[next_dir] || !printable(dirs[next_dir])) return false;
      body += "d\t" + stamp_text(*dir_stamps[next_dir]) + "\t" + dirs[next_dir] + "\n";
    }
    return true;
  };
  for (std::size_t i = 0; i < result.outputs.size(); ++i) {
    const OutputDigest& o = result.outputs[i];
    if (!write_dirs_before(&o.path) || !printable(o.path)) return invalidate(fs);
    body += "f\t" + o.sha256 + "\t" + stamp_text(output_stamps[i]) + "\t" + o.path + "\n";
  }
  if (!write_dirs_before(nullptr)) return invalidate(fs);
  for (const PublishedPage& p : result.published) {
    if (!printable(p.path)) return invalidate(fs);
    body += "p\t" + p.blob + (p.fallback ? "\t1\t" : "\t0\t") + p.path;
    for (const std::string& o : p.outputs) {
      if (!printable(o)) return invalidate(fs);
      body += "\t" + o;
    }
    body += "\n";
  }
  // Lines, not JSON, for the long lists: a no-op rebuild reads them back in a few milliseconds.
  body += "state\n";
  body += build_state_json(state_of(options, ShardSpec{}, scalars_of(result)));
  return write_sealed(fs, dir_ + kFileName, std::move(body));
}

}  // namespace sanshen
