#include "core/tree_lookup.h"

namespace sanshen {

Result<std::optional<std::string>> TreeLookup::at(const std::string& tree, const std::string& path) {
  const std::size_t slash = path.rfind('/');
  const std::string dir = slash == std::string::npos ? "" : path.substr(0, slash);
  const std::string name = slash == std::string::npos ? path : path.substr(slash + 1);
  std::optional<std::string> dir_id = tree;
  if (!dir.empty()) {
    auto found = entry(tree, dir);
    if (!found) return found.error();
    dir_id = std::move(*found);
  }
  if (!dir_id) return std::optional<std::string>();
  auto listing = listing_of(*dir_id);
  if (!listing) return listing.error();
  auto it = (*listing)->find(name);
  if (it == (*listing)->end()) return std::optional<std::string>();
  return std::optional<std::string>(it->second);
}

Result<std::optional<std::string>> TreeLookup::entry(const std::string& tree, const std::string& path) {
  const std::string key = tree + '\0' + path;
  auto it = entries_.find(key);
  if (it == entries_.end()) {
    auto found = repo_.entry_in_tree(tree, path);
    if (!found) return found.error();
    it = entries_.emplace(key, std::move(*found)).first;
  }
  return it->second;
}

Result<const TreeLookup::Listing*> TreeLookup::listing_of(const std::string& tree) {
  for (auto it = listings_.begin(); it != listings_.end(); ++it) {
    if (it->first != tree) continue;
    listings_.splice(listings_.begin(), listings_, it);
    return &listings_.front().second;
  }
  auto children = repo_.tree_children(tree);
  if (!children) return children.error();
  Listing listing;
  listing.reserve(children->size());
  for (auto& c : *children) listing.emplace(std::move(c.path), std::move(c.blob));
  listings_.emplace_front(tree, std::move(listing));
  if (listings_.size() > kListingsKept) listings_.pop_back();
  return &listings_.front().second;
}

}  // namespace sanshen
