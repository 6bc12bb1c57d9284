#include "output_checks.hpp"

#include "spinesim/error.hpp"
#include "spinesim/results_io.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <filesystem>

namespace spinesim::cli {

namespace fs = std::filesystem;

void require_writable(const std::string& option, const std::string& path) {
    std::error_code ec;
    if (path.empty()) throw InputError("argument " + option, option, "", "must name a file");
    if (fs::is_directory(path, ec)) throw InputError(path, option, path, "is a directory, not a file");
    if (fs::exists(path, ec)) {
        // access() says yes to root everywhere; opening (without truncating) asks the file system itself
        const int fd = access(path.c_str(), W_OK) == 0 ? open(path.c_str(), O_WRONLY | O_CLOEXEC) : -1;
        if (fd < 0) throw InputError(path, option, path, "the file exists and is not writable");
        close(fd);
        return;
    }
    const fs::path dir = fs::absolute(path, ec).parent_path();
    if (!fs::is_directory(dir, ec))
        throw InputError(path, option, path, "cannot be created: directory " + dir.string() + " does not exist");
    if (access(dir.c_str(), W_OK) != 0)
        throw InputError(path, option, path, "cannot be created: directory " + dir.string() + " is not writable");
    // A trial file (removed at once): a read-only mount or /proc passes access() for root, and the run failed only
    // when it tried to save, after the (long) simulation.
    const int fd = open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0)
        throw InputError(path, option, path, std::string("cannot be created: ") + std::strerror(errno));
    close(fd);
    unlink(path.c_str());
}

CLI::Validator non_empty(const std::string& what) {
    return CLI::Validator(
        [what](const std::string& v) { return v.empty() ? "must name a " + what + " (got '')" : std::string(); }, "");
}

CLI::Validator jobs_range() {
    return CLI::Range(0, kMaxJobs).description("0 (all cores) to " + std::to_string(kMaxJobs));
}

CLI::Validator count_range(int max) { return CLI::Range(1, max); }

std::vector<std::string> existing_groups(const std::string& path) {
    std::error_code ec;
    if (!fs::exists(path, ec)) return {};
    return hdf5_groups(path);
}

std::string group_name(const std::string& scenario, const std::vector<std::pair<std::string, std::string>>& sweep) {
    const fs::path p(scenario);
    std::string name = p.extension() == ".toml" ? p.stem().string() : p.filename().string();
    for (const auto& [parameter, value] : sweep) name += "__" + parameter + "=" + value;
    for (char& c : name)
        if (c == '/') c = '_';
    return name;
}

}  // namespace spinesim::cli
