// Spelling suggestions for unknown names (see name_suggestions.hpp for the rules).
#include "spinesim/name_suggestions.hpp"

#include <algorithm>
#include <cctype>
#include <tuple>

namespace spinesim {

namespace {

std::string lower(const std::string& s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

bool is_separator(char c) { return c == '_' || c == '-' || c == '.' || c == '/' || c == ' '; }

// Lower case without separators: the "same name, other spelling" key.
std::string squeezed(const std::string& s) {
    std::string out;
    for (char c : lower(s))
        if (!is_separator(c)) out += c;
    return out;
}

// Optimal string alignment distance (Damerau-Levenshtein without repeated edits of one substring).
std::size_t edit_distance(const std::string& a, const std::string& b) {
    const std::size_t n = a.size(), m = b.size();
    std::vector<std::vector<std::size_t>> d(n + 1, std::vector<std::size_t>(m + 1));
    for (std::size_t i = 0; i <= n; ++i) d[i][0] = i;
    for (std::size_t j = 0; j <= m; ++j) d[0][j] = j;
    for (std::size_t i = 1; i <= n; ++i)
        for (std::size_t j = 1; j <= m; ++j) {
            const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
        }
    return d[n][m];
}

std::size_t allowed_distance(std::size_t length) { return length <= 4 ? 1 : length <= 8 ? 2 : 3; }

// `part` is a whole separator-delimited head or tail of `name` (both lower case), shorter than it.
bool is_head_or_tail(const std::string& part, const std::string& name) {
    if (part.empty() || part.size() >= name.size()) return false;
    const bool head = name.compare(0, part.size(), part) == 0 && is_separator(name[part.size()]);
    const std::size_t k = name.size() - part.size();
    const bool tail = name.compare(k, part.size(), part) == 0 && is_separator(name[k - 1]);
    return head || tail;
}

}  // namespace

std::vector<std::string> closest_names(const std::string& wrong, const std::vector<std::string>& known,
                                       std::size_t max_count) {
    const std::string w = lower(wrong), ws = squeezed(wrong);
    if (ws.empty()) return {};
    // (rank, distance, name): rank 0 same squeezed spelling, 1 head/tail, 2 close spelling.
    std::vector<std::tuple<int, std::size_t, std::string>> hits;
    for (const std::string& name : known) {
        if (name == wrong) continue;
        const std::string n = lower(name), ns = squeezed(name);
        if (ns == ws) hits.emplace_back(0, 0, name);
        else if (w.size() >= 3 && is_head_or_tail(w, n)) hits.emplace_back(1, n.size() - w.size(), name);
        else {
            const std::size_t d = edit_distance(w, n);
            if (d <= allowed_distance(std::max(w.size(), n.size())) && d < n.size()) hits.emplace_back(2, d, name);
        }
    }
    std::sort(hits.begin(), hits.end());
    std::vector<std::string> out;
    for (const auto& h : hits) {
        if (out.size() == max_count) break;
        // Only the best kind of match; among spelling edits only the fewest ("frame": 'frames', not also 'name').
        const auto& best = hits.front();
        if (std::get<0>(h) != std::get<0>(best)) break;
        if (std::get<0>(h) == 2 && std::get<1>(h) != std::get<1>(best)) break;
        if (std::find(out.begin(), out.end(), std::get<2>(h)) == out.end()) out.push_back(std::get<2>(h));
    }
    return out;
}

std::string did_you_mean(const std::string& wrong, const std::vector<std::string>& known) {
    const std::vector<std::string> names = closest_names(wrong, known);
    if (names.empty()) return "";
    std::string text = "; did you mean ";
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (i > 0) text += i + 1 == names.size() ? " or " : ", ";
        text += "'" + names[i] + "'";
    }
    return text + "?";
}

}  // namespace spinesim
