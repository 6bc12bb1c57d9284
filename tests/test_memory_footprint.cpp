// memory_footprint(): deep sizes count the heap storage of vectors, strings and Eigen matrices, and grow with the model.
#include "fixtures.hpp"

#include "spinesim/memory_footprint.hpp"

#include <catch2/catch.hpp>

#include <numeric>

using namespace spinesim;

namespace {
std::size_t sum_of_parts(const std::vector<MemoryPart>& parts) {
    return std::accumulate(parts.begin(), parts.end(), std::size_t{0},
                           [](std::size_t total, const MemoryPart& p) { return total + p.bytes; });
}
}  // namespace

TEST_CASE("the model's footprint counts its muscles' path points and names and is sizeof plus its parts", "[memory]") {
    const Model& model = test::default_model();
    std::size_t paths = 0;
    for (const Muscle& m : model.muscles) paths += m.path.capacity() * sizeof(PathPoint);
    const std::size_t muscles = model.muscles.capacity() * sizeof(Muscle);
    CHECK(memory_footprint(model) > sizeof(Model) + muscles + paths);
    CHECK(memory_footprint(model) == sizeof(Model) + sum_of_parts(memory_parts(model)));
    REQUIRE_FALSE(memory_parts(model).empty());
    CHECK(memory_parts(model).front().name == "muscles");
}

TEST_CASE("a muscle added to the model adds its path points and long name, a longer path adds exactly its points",
          "[memory]") {
    Model model = test::default_model();
    model.muscles.reserve(model.muscles.size() + 1);   // the new element's slot is counted before and after
    const std::size_t before = memory_footprint(model);
    Muscle extra = model.muscles.front();
    extra.name = std::string(100, 'x');
    extra.path.assign(20, PathPoint{});
    extra.path.shrink_to_fit();
    model.muscles.push_back(extra);
    CHECK(memory_footprint(model) - before >= 20 * sizeof(PathPoint) + 100);

    std::vector<PathPoint>& path = model.muscles.front().path;
    path.shrink_to_fit();
    const std::size_t shorter = memory_footprint(model);
    const std::size_t old_capacity = path.capacity();
    path.insert(path.end(), 7, path.back());
    path.shrink_to_fit();
    REQUIRE(path.capacity() > old_capacity);
    CHECK(memory_footprint(model) - shorter == (path.capacity() - old_capacity) * sizeof(PathPoint));

    // and each Workspace of it holds one more column of muscle moments and directions
    const Model& smaller = test::default_model();
    CHECK(memory_footprint(Workspace(model)) >=
          memory_footprint(Workspace(smaller)) + 2 * 3 * model.joints.size() * sizeof(double));
}

TEST_CASE("a workspace's footprint covers its moment-arm matrices, results cover their force rows", "[memory]") {
    const Model& model = test::default_model();
    const Workspace ws(model);
    const std::size_t matrices = (ws.muscle_moment.size() + ws.muscle_direction.size()) * sizeof(double);
    CHECK(memory_footprint(ws) > sizeof(Workspace) + matrices);
    CHECK(memory_footprint(ws) == sizeof(Workspace) + sum_of_parts(memory_parts(ws)));

    FrameResult frame;
    const std::size_t empty = memory_footprint(frame);
    frame.muscle_force = Eigen::VectorXd::Zero(static_cast<Eigen::Index>(model.muscles.size()));
    CHECK(memory_footprint(frame) == empty + model.muscles.size() * sizeof(double));

    const SimulationResult& run = test::scenario_run("relaxed_standing", 3);
    CHECK(memory_footprint(run) > sizeof(SimulationResult) +
                                      (run.muscle_force.size() + run.muscle_passive_force.size()) * sizeof(double));
}
