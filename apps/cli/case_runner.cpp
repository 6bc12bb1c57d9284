#include "case_runner.hpp"

#include "progress_bar.hpp"
#include "scenario_options.hpp"

#include "spinesim/common_strength.hpp"
#include "spinesim/model_loader.hpp"
#include "spinesim/strength_needed.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <condition_variable>
#include <cstdio>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <thread>

namespace spinesim::cli {

namespace {

// Models are built once per subject and shared read-only by the workers.
class ModelCache {
public:
    std::shared_ptr<const Model> get(const Subject& s) {
        char key[128];
        std::snprintf(key, sizeof key, "%.17g|%.17g|%d|%.17g", s.body_mass_kg, s.height_m, static_cast<int>(s.sex),
                      s.strength_scale);
        std::lock_guard<std::mutex> lock(mutex_);
        auto& slot = models_[key];
        if (!slot) slot = std::make_shared<const Model>(load_model(s));
        return slot;
    }

private:
    std::mutex mutex_;
    std::map<std::string, std::shared_ptr<const Model>> models_;
};

CaseOutcome run_one(const RunCase& c, ModelCache& models) {
    CaseOutcome out;
    try {
        const std::string path = resolve_scenario(c.scenario);
        const Scenario scenario = load_scenario(path, c.overrides);
        if (c.auto_strength) {
            AutoStrengthRun run = simulate_with_auto_strength(*models.get(scenario.subject), scenario, "--strength auto");
            out.result = std::move(run.result);
            out.note = std::move(run.note);
        } else {
            out.result = simulate(*models.get(scenario.subject), scenario);
        }
        out.error = unsolved_summary(*out.result);
    } catch (const std::exception& e) {
        out.error = e.what();
    }
    return out;
}

}  // namespace

std::string unsolved_summary(const SimulationResult& r) {
    std::size_t bad = 0;
    std::string first;
    for (std::size_t i = 0; i < r.frame_status.size(); ++i)
        if (r.frame_status[i] != "optimal") {
            if (bad++ == 0) first = "frame " + std::to_string(i) + ": " + r.frame_status[i];
        }
    if (bad == 0) return "";
    std::string out = std::to_string(bad) + " of " + std::to_string(r.frame_status.size()) + " frames not solved (" +
                      first + ")";
    const double needed = r.strength_to_hold_all();
    char strength[160];
    if (std::isfinite(needed))
        std::snprintf(strength, sizeof strength, "; strength x%.3f would hold every frame (--strength %.3f; "
                      "strength_needed per frame in the results)", needed, needed);
    else if (std::isinf(needed))
        std::snprintf(strength, sizeof strength, "; some frames are not held even at strength x%.0f", kMaxStrengthScale);
    else
        strength[0] = '\0';
    return out + strength;
}

std::string warnings_summary(const SimulationResult& r) {
    const int n = r.frames_with_warnings();
    if (n == 0) return "";
    return "warnings: " + std::to_string(n) + " of " + std::to_string(r.frame_warnings.size()) +
           " frames use muscles outside their path validity (see frame_warnings)";
}

void report_outcomes(const std::vector<std::string>& notes, const std::vector<std::string>& warnings,
                     const std::vector<std::string>& failures, std::size_t total, const std::string& indent,
                     const std::string& noun) {
    for (const std::string& n : notes) std::printf("%sSTRENGTH %s\n", indent.c_str(), n.c_str());
    for (const std::string& w : warnings) std::printf("%sWARNING %s\n", indent.c_str(), w.c_str());
    for (const std::string& f : failures) std::printf("%sFAILED %s\n", indent.c_str(), f.c_str());
    if (!failures.empty())
        throw std::runtime_error(std::to_string(failures.size()) + " of " + std::to_string(total) + " " + noun +
                                 " failed or have unsolved frames (see above)");
}

void run_cases(const std::vector<RunCase>& cases, int jobs, bool progress,
               const std::function<void(std::size_t, CaseOutcome&)>& on_done) {
    const std::size_t n = cases.size();
    if (n == 0) return;
    const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
    const std::size_t workers = std::min<std::size_t>(n, jobs > 0 ? static_cast<std::size_t>(jobs) : cores);

    ModelCache models;
    std::vector<std::optional<CaseOutcome>> outcomes(n);
    std::mutex mutex;
    std::condition_variable ready;
    std::atomic<std::size_t> next{0};
    std::atomic<bool> stop{false};
    std::size_t finished = 0, failed = 0;
    std::string last;

    auto work = [&] {
        for (std::size_t i = next++; i < n && !stop; i = next++) {
            CaseOutcome outcome = run_one(cases[i], models);
            std::lock_guard<std::mutex> lock(mutex);
            ++finished;
            if (outcome.failed()) ++failed;
            last = cases[i].label;
            outcomes[i] = std::move(outcome);
            ready.notify_all();
        }
    };
    std::vector<std::thread> threads;
    struct Joiner {
        std::vector<std::thread>& threads;
        std::atomic<bool>& stop;
        ~Joiner() {
            stop = true;
            for (std::thread& t : threads) t.join();
        }
    } joiner{threads, stop};
    for (std::size_t t = 0; t < workers; ++t) threads.emplace_back(work);

    ProgressBar bar(n, progress);
    std::size_t shown = static_cast<std::size_t>(-1);
    for (std::size_t i = 0; i < n; ++i) {
        CaseOutcome outcome;
        {
            std::unique_lock<std::mutex> lock(mutex);
            for (;;) {
                if (finished != shown) bar.update(shown = finished, failed, last);
                if (outcomes[i]) break;
                ready.wait(lock);
            }
            outcome = std::move(*outcomes[i]);
            outcomes[i].reset();
        }
        on_done(i, outcome);
    }
    bar.finish();
}

}  // namespace spinesim::cli
