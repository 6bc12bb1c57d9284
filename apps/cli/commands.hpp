// The spinesim command-line interface: one file per sub-command, registered here.
#pragma once

#include <CLI/CLI.hpp>

namespace spinesim::cli {

void register_info(CLI::App& app);
void register_evaluate(CLI::App& app);

}  // namespace spinesim::cli
