// The spinesim command-line interface: one file per sub-command, registered here.
#pragma once

#include <CLI/CLI.hpp>

namespace spinesim::cli {

void register_info(CLI::App& app);
void register_evaluate(CLI::App& app);
void register_list(CLI::App& app);
void register_run(CLI::App& app);
void register_batch(CLI::App& app);
void register_compare(CLI::App& app);
void register_summary(CLI::App& app);
void register_validate(CLI::App& app);
void register_plot(CLI::App& app);

}  // namespace spinesim::cli
