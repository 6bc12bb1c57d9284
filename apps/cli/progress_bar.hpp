// A one-line progress bar on stderr (redrawn in place on a terminal, one line per update otherwise).
#pragma once

#include <cstddef>
#include <string>

namespace spinesim::cli {

class ProgressBar {
public:
    ProgressBar(std::size_t total, bool enabled);
    void update(std::size_t done, std::size_t failed, const std::string& last);
    void finish();

private:
    std::size_t total_;
    bool enabled_, terminal_, open_ = false;
};

}  // namespace spinesim::cli
