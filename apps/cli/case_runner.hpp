// Runs scenario cases on worker threads (one shared const Model per subject) and hands the outcomes to the
// caller on the calling thread in case order, so whatever --jobs is, output is written in the same order.
#pragma once

#include "spinesim/simulation.hpp"

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace spinesim::cli {

struct RunCase {
    std::string label;                              // HDF5 group / column heading
    std::string scenario;                           // name or path
    std::map<std::string, std::string> overrides;
    // --strength auto: if the muscles cannot hold some frames, run again at the smallest factor that holds every
    // frame (strength_needed); CaseOutcome::note says so.
    bool auto_strength = false;
};

struct CaseOutcome {
    std::optional<SimulationResult> result;         // absent if the scenario could not be read or run
    std::string error;                              // why it failed, or which frames were not solved
    std::string note;                               // e.g. the strength chosen by auto_strength
    bool failed() const { return !error.empty(); }
};

// Frames whose status is not "optimal", summarised ("" if all solved).
std::string unsolved_summary(const SimulationResult& result);

// "warnings: N of M frames use muscles outside their path validity (see frame_warnings)", "" when no frame has one.
std::string warnings_summary(const SimulationResult& result);

// Prints the STRENGTH, WARNING and FAILED lines (each prefixed by `indent`) and throws std::runtime_error
// "N of <total> <noun> failed ..." if there is any failure.
void report_outcomes(const std::vector<std::string>& notes, const std::vector<std::string>& warnings,
                     const std::vector<std::string>& failures, std::size_t total, const std::string& indent,
                     const std::string& noun);

// Calls on_done(index, outcome) for every case in index order on this thread. jobs <= 0 means all cores.
// An exception from on_done stops the workers after their current case and is rethrown.
void run_cases(const std::vector<RunCase>& cases, int jobs, bool progress,
               const std::function<void(std::size_t, CaseOutcome&)>& on_done);

}  // namespace spinesim::cli
