// Spelling suggestions for "unknown name" errors: which known names a mistyped one was probably meant to be.
#pragma once

#include <string>
#include <vector>

namespace spinesim {

// The known names closest to `wrong`, best first, at most `max_count`:
//  1. names equal to it ignoring case, '-', '_', '.', '/' and spaces ("l4l5" -> "L4/L5", "Hip_R.Flexion");
//  2. names of which it is a whole dotted/underscored tail or head ("body_mass_kg" -> "subject.body_mass_kg",
//     "deadlift_140kg" -> "deadlift_140kg_neutral", "deadlift_140kg_round");
//  3. names within an edit distance (insertions, deletions, substitutions, swaps of neighbours, case-insensitive)
//     of 1 for names up to 4 characters, 2 up to 8, 3 beyond ("erector_spine" -> "erector_spinae").
// Only names of the best rule that matches come back, and of rule 3 only those with the fewest edits.
// Empty when nothing is close: a suggestion must be likelier right than wrong.
std::vector<std::string> closest_names(const std::string& wrong, const std::vector<std::string>& known,
                                       std::size_t max_count = 3);

// "; did you mean 'a'?" / "; did you mean 'a', 'b' or 'c'?", or "" when closest_names has nothing: ready to append
// to an error's problem text.
std::string did_you_mean(const std::string& wrong, const std::vector<std::string>& known);

}  // namespace spinesim
