// `spinesim plot results.h5 [GROUP...] --output fig.png ...`: forwards to the Python plotting tool
// (python/spinesim/plot_cli.py, matplotlib), which is the single implementation of the figures.
#include "commands.hpp"

#include <cstdlib>
#include <memory>
#include <string>
#include <unistd.h>
#include <vector>

namespace spinesim::cli {

void register_plot(CLI::App& app) {
    auto args = std::make_shared<std::vector<std::string>>();
    CLI::App* cmd = app.add_subcommand("plot", "plot load curves from an HDF5 results file (runs spinesim-plot; "
                                               "options: 'spinesim plot --help')");
    cmd->allow_extras();
    cmd->prefix_command();
    cmd->set_help_flag();   // --help goes to spinesim-plot, which lists the plotting options
    cmd->callback([cmd, args] {
        *args = cmd->remaining();
        const char* python_dir = std::getenv("SPINESIM_PYTHON_DIR");
        const std::string path = python_dir && *python_dir ? python_dir : SPINESIM_PYTHON_DIR;
        const char* old = std::getenv("PYTHONPATH");
        const std::string pythonpath = old && *old ? path + ":" + old : path;
        setenv("PYTHONPATH", pythonpath.c_str(), 1);
        std::vector<std::string> argv_strings = {SPINESIM_PYTHON_EXECUTABLE, "-m", "spinesim.plot_cli"};
        for (const auto& a : *args) if (a != "--") argv_strings.push_back(a);
        std::vector<char*> argv;
        for (auto& s : argv_strings) argv.push_back(s.data());
        argv.push_back(nullptr);
        execv(argv[0], argv.data());
        throw std::runtime_error(std::string("cannot run ") + SPINESIM_PYTHON_EXECUTABLE + " for plotting");
    });
}

}  // namespace spinesim::cli
