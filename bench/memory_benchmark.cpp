// Memory figures of spinesim-bench (speed and memory targets live in the benchmark, never in timed unit tests).
//
// Deep sizes: memory_footprint() (libsim, spinesim/memory_footprint.hpp) counts an object and the heap storage it
// owns: vector capacities, strings beyond the small-string buffer, Eigen dynamic matrices. Printed for the immutable
// Model (shared by all threads), one Workspace (the Data of one evaluation), what one simulate() call holds besides
// (its muscle-less copy of the model for the posture solver with that copy's workspace, one assembled sharing
// problem, one FrameResult) and the results of one frame (FrameResult; SimulationResult bytes per frame over the
// library; HDF5 bytes written per frame, from a temporary file that is removed again).
//
// Peak resident memory: every measurement runs in a child forked from this process and is read from wait4()'s
// ru_maxrss (the child's peak resident set, KiB). Linux starts a forked child's peak at the parent's resident set at
// fork time, so a "floor" child forked from the same parent that exits at once gives the baseline to subtract; the
// "+" figures are increments over it. The batch children are forked from a parent that has only loaded the model;
// the solver children from one holding the full-model sharing problems (malloc_trim'd first, so freed memory of the
// parent is not reused without being counted). Long-run check: one child simulates the whole library once to warm up
// (the first passes still touch new pages: about +0.2-0.3 MiB of peak from pass 1 to pass 4, then none through
// pass 16), then once (N frames), three times more (4N) and four times more (8N), and reports its peak (VmHWM) and
// current (VmRSS) resident memory after N, 4N and 8N; a peak that no longer grows from 4N to 8N with an unchanged
// resident set means the memory does not grow with the number of frames evaluated (a leak would grow every pass).
#include "memory_benchmark.hpp"

#include "ipopt_reference.hpp"
#include "model_problems.hpp"

#include <spinesim/kinematics.hpp>
#include <spinesim/memory_footprint.hpp>
#include <spinesim/results_io.hpp>
#include <spinesim/simulation.hpp>

#include <malloc.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <functional>
#include <iostream>
#include <sstream>

namespace spinesim::bench {

namespace {

struct ChildRun {
    bool ok = false;
    double peak_kib = 0.0;          // the child's peak resident set (wait4 ru_maxrss)
    std::vector<double> values;     // what the child reported
};

// Runs work() in a forked child; its return values come back through a pipe.
ChildRun in_child(const std::function<std::vector<double>()>& work) {
    std::cout.flush();
    std::cerr.flush();
    std::fflush(nullptr);
    ChildRun run;
    int fd[2];
    if (pipe(fd) != 0) return run;
    const pid_t pid = fork();
    if (pid < 0) {
        close(fd[0]);
        close(fd[1]);
        return run;
    }
    if (pid == 0) {
        close(fd[0]);
        int code = 0;
        try {
            const std::vector<double> values = work();
            const char* bytes = reinterpret_cast<const char*>(values.data());
            std::size_t left = values.size() * sizeof(double);
            while (left > 0) {
                const ssize_t n = write(fd[1], bytes, left);
                if (n <= 0) { code = 1; break; }
                bytes += n;
                left -= static_cast<std::size_t>(n);
            }
        } catch (const std::exception& e) {
            std::fprintf(stderr, "spinesim-bench: memory child failed: %s\n", e.what());
            code = 1;
        }
        close(fd[1]);
        _exit(code);
    }
    close(fd[1]);
    std::string received;
    char buffer[4096];
    for (ssize_t n; (n = read(fd[0], buffer, sizeof buffer)) > 0;) received.append(buffer, static_cast<std::size_t>(n));
    close(fd[0]);
    int status = 0;
    struct rusage usage {};
    if (wait4(pid, &status, 0, &usage) != pid) return run;
    run.ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
    run.peak_kib = static_cast<double>(usage.ru_maxrss);
    run.values.resize(received.size() / sizeof(double));
    std::memcpy(run.values.data(), received.data(), run.values.size() * sizeof(double));
    return run;
}

// A field of /proc/self/status in KiB ("VmRSS", "VmHWM"); -1 if absent.
double status_kib(const std::string& field) {
    std::ifstream in("/proc/self/status");
    for (std::string line; std::getline(in, line);)
        if (line.compare(0, field.size() + 1, field + ":") == 0) return std::stod(line.substr(field.size() + 1));
    return -1.0;
}

double mib(double kib) { return kib / 1024.0; }

std::string parts_text(const std::vector<MemoryPart>& parts, std::size_t total, std::size_t shown) {
    std::ostringstream text;
    for (std::size_t k = 0; k < std::min(shown, parts.size()); ++k)
        text << (k ? ", " : "") << parts[k].name << " " << parts[k].bytes << " B ("
             << static_cast<int>(100.0 * parts[k].bytes / total + 0.5) << " %)";
    return text.str();
}

// Prints "  <label>: <peak> MiB peak (+<increment> MiB over the floor)" and returns the increment in KiB.
double print_peak(std::ostream& out, const char* label, const ChildRun& run, double floor_kib) {
    char line[256];
    std::snprintf(line, sizeof line, "  %-44s: %7.1f MiB peak RSS  (+%6.1f MiB over the floor)%s\n", label,
                  mib(run.peak_kib), mib(run.peak_kib - floor_kib), run.ok ? "" : "  CHILD FAILED");
    out << line;
    return run.peak_kib - floor_kib;
}

}  // namespace

int memory_without_problems(const Model& model, const std::string& data_dir, int threads, std::ostream& out) {
    const std::vector<Scenario> scenarios = library(data_dir, out);
    int frames = 0;
    for (const Scenario& s : scenarios) frames += s.frames;

    out << "memory: deep sizes (object + heap storage it owns; spinesim::memory_footprint):\n";
    const std::size_t model_bytes = memory_footprint(model);
    out << "  model (immutable, shared by all threads)   : " << model_bytes << " B; "
        << parts_text(memory_parts(model), model_bytes, 3) << "\n";
    const Workspace ws(model);
    const std::size_t ws_bytes = memory_footprint(ws);
    out << "  workspace (one evaluation's state)         : " << ws_bytes << " B; "
        << parts_text(memory_parts(ws), ws_bytes, 3) << "\n";
    Model skeleton = model;   // as simulate() copies it for the posture solver
    skeleton.muscles.clear();
    skeleton.ligaments.clear();
    const std::size_t skeleton_bytes = memory_footprint(skeleton) + memory_footprint(Workspace(skeleton));

    // Everything else of the batch runs in forked children, so that their peaks do not mix.
    const ChildRun floor = in_child([] { return std::vector<double>{}; });
    const ChildRun one = in_child([&] { simulate_all(model, scenarios, 1); return std::vector<double>{}; });
    const ChildRun many = in_child([&] { simulate_all(model, scenarios, threads); return std::vector<double>{}; });
    const ChildRun long_run = in_child([&] {
        std::vector<SimulationResult> results;
        const auto pass = [&] {
            results.clear();   // not two passes' results at once
            results = simulate_all(model, scenarios, 1);
        };
        pass();   // warm-up: the allocator's free lists and lazily touched pages settle
        pass();
        const double hwm_n = status_kib("VmHWM"), rss_n = status_kib("VmRSS");
        for (int k = 0; k < 3; ++k) pass();
        const double hwm_4n = status_kib("VmHWM"), rss_4n = status_kib("VmRSS");
        for (int k = 0; k < 4; ++k) pass();
        const double hwm_8n = status_kib("VmHWM"), rss_8n = status_kib("VmRSS");
        // Results: in memory per frame, one frame's FrameResult, one sharing problem, and on disk per frame.
        double result_bytes = 0.0;
        for (const SimulationResult& r : results) result_bytes += static_cast<double>(memory_footprint(r));
        Workspace frame_ws(model);
        const SimulationResult& first = results.front();
        std::vector<Posture> q;
        for (Eigen::Index i = 0; i < first.coordinates.rows(); ++i) q.push_back(first.coordinates.row(i).transpose());
        const FrameInput input = scenario_frame_input(model, scenarios.front(), q, 0);
        AnalysisOptions options;
        options.solver.criterion = scenarios.front().criterion;
        options.lumbar_balance = scenarios.front().lumbar_balance;
        const double frame_result_bytes = static_cast<double>(memory_footprint(analyse_frame(model, frame_ws, input, options)));
        const std::string path = "/tmp/spinesim_bench_memory_" + std::to_string(getpid()) + ".h5";
        for (const SimulationResult& r : results) write_hdf5(r, path, r.scenario, true);
        struct stat file {};
        const double hdf5_bytes = stat(path.c_str(), &file) == 0 ? static_cast<double>(file.st_size) : -1.0;
        std::remove(path.c_str());
        return std::vector<double>{hwm_n, rss_n, hwm_4n, rss_4n, result_bytes, frame_result_bytes, hdf5_bytes, hwm_8n, rss_8n};
    });
    const bool have_long_run = long_run.ok && long_run.values.size() == 9;
    if (have_long_run) {
        const double frame_result = long_run.values[5];
        out << "  one frame's results                        : FrameResult " << frame_result
            << " B in memory; SimulationResult " << static_cast<long long>(long_run.values[4] / frames + 0.5)
            << " B per frame (library mean, muscle_force + muscle_passive_force dominate: 2 x " << model.muscles.size()
            << " doubles); HDF5 " << static_cast<long long>(long_run.values[6] / frames + 0.5)
            << " B written per frame (whole library, " << frames << " frames, " << static_cast<long long>(long_run.values[6])
            << " B)\n";
    }
    out << "  one simulate() call besides the workspace  : " << skeleton_bytes
        << " B (muscle-less model copy for the posture solver + its workspace), one sharing problem (below) and the "
           "FrameResult\n";

    char line[320];
    std::snprintf(line, sizeof line,
                  "memory: peak resident set (forked children, wait4 ru_maxrss; whole library, %zu scenarios, %d "
                  "frames):\n  %-44s: %7.1f MiB peak RSS\n",
                  scenarios.size(), frames, "floor (model loaded, child exits at once)", mib(floor.peak_kib));
    out << line;
    const double one_thread = print_peak(out, "batch, 1 thread", one, floor.peak_kib);
    std::snprintf(line, sizeof line, "batch, %d threads", threads);
    const double n_threads = print_peak(out, line, many, floor.peak_kib);
    std::snprintf(line, sizeof line, "  per extra thread: %+.1f MiB\n", mib((n_threads - one_thread) / std::max(1, threads - 1)));
    out << line;
    if (have_long_run) {
        // A leak grows with every pass; the allocator's arrangement of free blocks can raise the peak once by a few
        // hundred KiB and then stays. Verdict: "GROWS" if the peak still grows between 4N and 8N, or the resident set
        // after 8N exceeds that after N, by more than 1 % of the peak after N.
        const std::vector<double>& v = long_run.values;
        const double tolerance = 0.01 * v[0];
        const bool grows = v[7] - v[2] > tolerance || v[8] - v[1] > tolerance;
        std::snprintf(line, sizeof line,
                      "memory: long run, the library simulated again and again after one warm-up pass (1 thread): peak "
                      "%.1f / %.1f / %.1f MiB after N = %d / 4N / 8N frames (%+.0f KiB N to 4N, %+.0f KiB 4N to 8N), "
                      "resident %.1f / %.1f / %.1f MiB: %s\n",
                      mib(v[0]), mib(v[2]), mib(v[7]), frames, v[2] - v[0], v[7] - v[2], mib(v[1]), mib(v[3]), mib(v[8]),
                      grows ? "GROWS" : "flat (no growth after 4N, resident set unchanged)");
        out << line;
    }
    return floor.ok && one.ok && many.ok && have_long_run ? 0 : 1;
}

int memory_of_solvers(const std::vector<SharingProblem>& problems, int frames, std::ostream& out) {
    const std::size_t k_max = std::min(problems.size(), static_cast<std::size_t>(std::max(frames, 1)));
    std::size_t largest = 0;
    for (const SharingProblem& p : problems) largest = std::max(largest, memory_footprint(p));
    out << "memory: one full-model sharing problem (largest frame): " << largest << " B (its m x n matrix A dominates)\n";
    malloc_trim(0);
    const ChildRun floor = in_child([] { return std::vector<double>{}; });
    const ChildRun sharing = in_child([&] {
        for (Criterion criterion : {Criterion::SumStressSquared, Criterion::SumStressCubed, Criterion::MinMaxStress}) {
            SolverOptions options;
            options.criterion = criterion;
            for (std::size_t k = 0; k < k_max; ++k) solve_sharing(problems[k], options);
        }
        return std::vector<double>{};
    });
    const ChildRun ipopt = in_child([&] {
        IpoptReference reference(1e-10);
        for (Criterion criterion : {Criterion::SumStressSquared, Criterion::SumStressCubed, Criterion::MinMaxStress})
            for (std::size_t k = 0; k < k_max; ++k) reference.solve(problems[k], criterion);
        return std::vector<double>{};
    });
    char line[256];
    std::snprintf(line, sizeof line,
                  "memory: muscle sharing, first %zu full-model frames x 3 criteria (forked children, wait4 ru_maxrss):\n"
                  "  %-44s: %7.1f MiB peak RSS\n",
                  k_max, "floor (problems in memory, exits at once)", mib(floor.peak_kib));
    out << line;
    const double spinesim = print_peak(out, "spinesim sharing solver", sharing, floor.peak_kib);
    const double reference = print_peak(out, "Ipopt (same scaled problems, tol 1e-10)", ipopt, floor.peak_kib);
    std::snprintf(line, sizeof line, "  Ipopt needs %.1f MiB more than spinesim\n", mib(reference - spinesim));
    out << line;
    return floor.ok && sharing.ok && ipopt.ok ? 0 : 1;
}

}  // namespace spinesim::bench
