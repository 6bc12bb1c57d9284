// libFuzzer target for the scenario parser: the input bytes are written to a temporary .toml file and handed to
// load_scenario. InputError is the parser's documented way to reject bad input; any other exception, a crash or a
// sanitizer report is a finding.
#include "spinesim/error.hpp"
#include "spinesim/scenario.hpp"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <unistd.h>

namespace {
std::string temp_path() {
    static const std::string path = [] {
        const char* dir = std::getenv("TMPDIR");
        return std::string(dir ? dir : "/tmp") + "/spinesim_fuzz_" + std::to_string(::getpid()) + ".toml";
    }();
    return path;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string path = temp_path();
    {
        std::ofstream out(path, std::ios::binary | std::ios::trunc);
        out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
    }
    try {
        (void)spinesim::load_scenario(path);
    } catch (const spinesim::InputError&) {
        // expected rejection of malformed input
    } catch (const std::exception& e) {
        std::fprintf(stderr, "non-InputError exception from load_scenario: %s\n", e.what());
        std::abort();
    } catch (...) {
        std::fprintf(stderr, "unknown exception from load_scenario\n");
        std::abort();
    }
    return 0;
}
