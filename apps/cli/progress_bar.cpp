#include "progress_bar.hpp"

#include <unistd.h>

#include <cstdio>

namespace spinesim::cli {

ProgressBar::ProgressBar(std::size_t total, bool enabled)
    : total_(total), enabled_(enabled && total > 0), terminal_(isatty(STDERR_FILENO) != 0) {}

void ProgressBar::update(std::size_t done, std::size_t failed, const std::string& last) {
    if (!enabled_) return;
    constexpr int kWidth = 30;
    const int filled = static_cast<int>(kWidth * done / total_);
    std::string bar(static_cast<std::size_t>(filled), '#');
    bar.resize(kWidth, '.');
    std::fprintf(stderr, "%s[%s] %zu/%zu", terminal_ ? "\r\033[K" : "", bar.c_str(), done, total_);
    if (failed > 0) std::fprintf(stderr, " (%zu failed)", failed);
    if (!last.empty()) std::fprintf(stderr, "  %s", last.c_str());
    std::fprintf(stderr, terminal_ ? "" : "\n");
    std::fflush(stderr);
    open_ = terminal_;
}

void ProgressBar::finish() {
    if (open_) std::fprintf(stderr, "\n");
    open_ = false;
}

}  // namespace spinesim::cli
