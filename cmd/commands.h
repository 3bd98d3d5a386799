// Each subcommand registers its flags on the app and returns the function that runs it.
#pragma once

#include <CLI/CLI.hpp>

#include <functional>
#include <optional>
#include <string>

#include "core/envelope.h"

namespace sanshen::cmd {

using Runner = std::function<int()>;

Runner add_build_command(CLI::App& app);
Runner add_check_command(CLI::App& app);
Runner add_verify_command(CLI::App& app);
Runner add_diff_command(CLI::App& app);
Runner add_form_command(CLI::App& app);
Runner add_status_command(CLI::App& app);
Runner add_review_command(CLI::App& app);
Runner add_manifest_command(CLI::App& app);

// --sign-key: nothing to do for an empty path; false (after saying why) for a bad key.
bool read_sign_key(const std::string& path, std::optional<Ed25519Key>& key);

}  // namespace sanshen::cmd
