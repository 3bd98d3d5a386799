// The build cache (design §4.9, §9): what the last successful build of an output directory
// wrote, so that a rebuild with the same inputs is answered without the gate, and a rebuild with
// changed inputs rewrites only the files whose bytes changed.
//
// Kept in <cache dir>/build-v2 with a sha256 over its contents; a file that fails the check, or
// outputs whose size, modification time or inode changed since they were written, are treated
// as unknown and the build starts from nothing — the cache is never trusted for more than "these
// bytes are still where we wrote them" (the make/ninja rule; `verify` is the tamper check).
#pragma once

#include <cstdint>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/build.h"
#include "core/file_system.h"
#include "core/result.h"

namespace sanshen {

// The `now` values for which a build's time rules (publish_at, expires) decide the same: from
// the latest event at or before the build's now, up to (not including) the first event after.
struct TimeWindow {
  int64_t from = std::numeric_limits<int64_t>::min();
  int64_t until = std::numeric_limits<int64_t>::max();

  static TimeWindow around(int64_t now, const std::vector<int64_t>& events);
  bool contains(int64_t now) const { return from <= now && now < until; }
};

class BuildCache {
 public:
  // dir empty: no cache (every build is a full build).
  static BuildCache load(FileSystem& fs, const std::string& dir);
  // The cache of a build with these options: none for --no-cache or a shard, which writes no
  // site; else --cache-dir, or <repo>/.git/sanshen.
  static BuildCache load_for(FileSystem& fs, const BuildOptions& options);

  // The key of everything a build's outputs depend on besides `now`: the revision (which fixes
  // the content, rules, theme overrides, roster and every review), the options that change the
  // outputs, and this build of the tool with its built-in theme.
  static std::string key_of(const BuildOptions& options, const std::string& revision);

  // The previous result (without approvals and warnings, which its manifest records), marked
  // up to date, when `key` and `now` match and every output file, directory and the manifest
  // are as that build left them.
  std::optional<BuildResult> up_to_date(FileSystem& fs, const std::string& key, int64_t now,
                                        const BuildOptions& options) const;
  // The same for the revision that the ref files name (core/ref_files.h), read without
  // libgit2: the common no-op, which the sanshen launcher answers without loading the engine.
  // `key` is set to that revision's key, or cleared when the ref files do not settle it.
  std::optional<BuildResult> up_to_date_at_ref_files(FileSystem& fs, const BuildOptions& options,
                                                     std::string& key) const;

  // Outputs of the previous build of an output directory that are still as written. A flag per
  // recorded output, looked up in the cache's own sorted list: at 100,000 outputs a map of
  // copies cost 25 MB for the whole of an incremental build.
  class IntactOutputs {
   public:
    // The stamp `path` was found with, if it is intact and was written with these bytes.
    std::optional<FileStamp> find(std::string_view path, std::string_view sha256) const;
    bool empty() const { return count_ == 0; }

   private:
    friend class BuildCache;
    const BuildCache* cache_ = nullptr;
    std::vector<char> intact_;  // by index into the cache's outputs
    std::size_t count_ = 0;
  };
  // Empty when any directory of the site changed (an unknown file was added or removed), so the
  // caller rewrites everything. Valid while this cache is.
  IntactOutputs intact_outputs(FileSystem& fs, const std::string& out_dir, int jobs) const;
  // Every output the previous build wrote there (to remove the ones no longer produced), in
  // path order. Views into this cache, valid until save().
  std::vector<std::string_view> previous_outputs(const std::string& out_dir) const;

  // Forgets the previous build before its files are changed in place, so a build that dies
  // halfway leaves no record that could describe a half-updated directory.
  Status invalidate(FileSystem& fs);
  // `output_stamps[i]` is the stamp result.outputs[i] was written with (or found intact with).
  Status save(FileSystem& fs, const std::string& key, const TimeWindow& window,
              const BuildOptions& options, const BuildResult& result,
              const std::vector<FileStamp>& output_stamps);

  bool enabled() const { return !dir_.empty(); }
  bool discarded() const { return discarded_; }

 private:
  // Views into text_: a cache of ten thousand outputs is read without an allocation per line.
  struct Record {
    std::string_view path;
    std::string_view sha256;  // empty for directories
    FileStamp stamp;
  };
  // No file was added to or removed from any directory of the site since it was written.
  bool directories_unchanged(FileSystem& fs, const std::string& out_dir, int jobs) const;
  // ... and no file was changed either: every directory and file, in stat_order_.
  bool all_stamps_unchanged(FileSystem& fs, const std::string& out_dir, int jobs) const;

  std::string dir_;
  std::shared_ptr<const FileBytes> text_;  // the file, which the views below point into
  bool discarded_ = false;
  bool loaded_ = false;
  std::string key_;
  TimeWindow window_;
  std::string out_dir_, manifest_path_;
  FileStamp manifest_stamp_;
  std::vector<Record> files_;  // in path order (rejected at load otherwise)
  std::vector<Record> dirs_;   // out_dir itself ("") and every directory holding an output
  // Both lists as the file has them, a directory written just before its files: checked in
  // that order, a file's look-up finds its directory's entry still in the CPU's cache.
  struct Step {
    bool dir;
    std::uint32_t index;
  };
  std::vector<Step> stat_order_;
  std::vector<std::string_view> published_;  // "p" lines, parsed when up to date
  std::string_view state_;  // build_state_json of the result without outputs and published pages
};

}  // namespace sanshen
