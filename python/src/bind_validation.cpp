// Validation against in vivo intradiscal pressure (spinesim/validation.hpp, spinesim/lifting_validation.hpp) and the
// stoop vs squat comparison (spinesim/stoop_squat_validation.hpp): the tables of `spinesim validate`, scriptable
// (spinesim.validate() wraps them).
#include "bindings.hpp"

#include "spinesim/lifting_validation.hpp"
#include "spinesim/stoop_squat_validation.hpp"
#include "spinesim/validation.hpp"

namespace spinesim::python {

void bind_validation(py::module_& m) {
    py::class_<ValidationRow>(m, "ValidationRow", "One validation posture: measured vs predicted L4/L5 IDP ratio.")
        .def_readonly("case_name", &ValidationRow::case_name)
        .def_readonly("measured_idp_mpa", &ValidationRow::measured_idp_mpa, "MPa")
        .def_readonly("measured_ratio", &ValidationRow::measured_ratio, "measured IDP / relaxed-standing IDP")
        .def_readonly("anybody_ratio", &ValidationRow::anybody_ratio, "AnyBody model's ratio; < 0 when not given")
        .def_readonly("compression_n", &ValidationRow::compression_n, "predicted L4/L5 compression, N")
        .def_readonly("predicted_idp_pa", &ValidationRow::predicted_idp_pa, "Pa")
        .def_readonly("predicted_ratio", &ValidationRow::predicted_ratio, "predicted IDP / predicted standing IDP")
        .def_readonly("error_pct", &ValidationRow::error_pct, "100 (predicted - measured) / measured, %")
        .def_readonly("max_activation", &ValidationRow::max_activation, "largest muscle stress / specific tension")
        .def_readonly("status", &ValidationRow::status);
    py::class_<ValidationReport>(m, "ValidationReport", "The static validation: rows, RMS error, standing load.")
        .def_readonly("rows", &ValidationReport::rows, "the Wilke 1999 study table (wilke_case_names order)")
        .def_readonly("supplementary_rows", &ValidationReport::supplementary_rows,
                      "standing extension and lateral bending, Wilke 2001 as summarised at kdttechnique.com "
                      "(wilke_supplementary_case_names order; same standing reference, not in rms_error_pct)")
        .def_readonly("rms_error_pct", &ValidationReport::rms_error_pct, "over the cases except standing (the reference), %")
        .def_readonly("max_abs_error_pct", &ValidationReport::max_abs_error_pct, "%")
        .def_readonly("standing_compression_n", &ValidationReport::standing_compression_n, "L4/L5, N")
        .def_readonly("standing_idp_pa", &ValidationReport::standing_idp_pa, "Pa")
        .def_readonly("all_solved", &ValidationReport::all_solved, "every case of both lists solved")
        .def_readonly("subject", &ValidationReport::subject, "the model's subject");
    m.def("load_validation_subject", &load_validation_subject, py::arg("toml_path"),
          "The measured subject of the validation (data/validation/wilke1999_subject.toml: Wilke et al. 1999, 70 kg, "
          "1.68 m male). Raises InputError naming the file, field and value.");
    m.def("wilke_case_names", &wilke_case_names, "The validation postures, in the order of the study table.");
    m.def("wilke_supplementary_case_names", &wilke_supplementary_case_names,
          "The supplementary standing cases (extension, lateral bending right and left), beside the study table.");
    m.def("wilke_case_description", &wilke_case_description, py::arg("case_name"),
          "One line: the case's angles and supports.");
    m.def("wilke_case_input", &wilke_case_input, py::arg("model"), py::arg("case_name"),
          "The FrameInput (posture + supports) of one case of either list, for analyse_frame. Raises InputError for an "
          "unknown case.");
    m.def(
        "run_wilke_validation",
        [](const Model& model, const std::string& data_dir, const AnalysisOptions& options) {
            py::gil_scoped_release release;
            return run_wilke_validation(model, data_dir, options);
        },
        py::arg("model"), py::arg("data_dir"), py::arg("options") = AnalysisOptions{},
        "The static cases for `model` with data_dir/validation's measurements and pressure model (GIL released).");

    py::class_<LiftingRow>(m, "LiftingRow", "One 20 kg lift of Wilke et al. 1999 vs the article's box-lift scenario.")
        .def_readonly("case_name", &LiftingRow::case_name)
        .def_readonly("scenario", &LiftingRow::scenario)
        .def_readonly("measured_idp_mpa", &LiftingRow::measured_idp_mpa, "MPa")
        .def_readonly("measured_ratio", &LiftingRow::measured_ratio)
        .def_readonly("strength_scale", &LiftingRow::strength_scale, "x mean male max force, common to both lifts")
        .def_readonly("frames", &LiftingRow::frames)
        .def_readonly("frames_held_at_subject", &LiftingRow::frames_held_at_subject)
        .def_readonly("frames_solved", &LiftingRow::frames_solved, "at strength_scale")
        .def_readonly("peak_compression_n", &LiftingRow::peak_compression_n, "L4/L5, N")
        .def_readonly("predicted_idp_pa", &LiftingRow::predicted_idp_pa, "Pa")
        .def_readonly("predicted_ratio", &LiftingRow::predicted_ratio)
        .def_readonly("error_pct", &LiftingRow::error_pct, "%");
    py::class_<LiftingReport>(m, "LiftingReport", "The 20 kg lifts beside the static validation (not in its RMS).")
        .def_readonly("rows", &LiftingReport::rows)
        .def_readonly("measured_round_to_knees", &LiftingReport::measured_round_to_knees)
        .def_readonly("predicted_round_to_knees", &LiftingReport::predicted_round_to_knees)
        .def_readonly("subject", &LiftingReport::subject, "the lifter simulated (strength_scale: the one run)")
        .def_readonly("standing_idp_pa", &LiftingReport::standing_idp_pa, "that lifter's relaxed standing, Pa");
    m.def(
        "run_wilke_lifting_comparison",
        [](const Model& model, const std::string& data_dir, const ValidationReport& statics,
           const AnalysisOptions& options) {
            py::gil_scoped_release release;
            return run_wilke_lifting_comparison(model, data_dir, statics, options);
        },
        py::arg("model"), py::arg("data_dir"), py::arg("statics"), py::arg("options") = AnalysisOptions{},
        "The box lifts at a common strength, ratios to the statics' standing (GIL released).");
    m.def(
        "run_wilke_lifting_validation",
        [](const std::string& data_dir, const AnalysisOptions& options) {
            py::gil_scoped_release release;
            return run_wilke_lifting_validation(data_dir, options);
        },
        py::arg("data_dir"), py::arg("options") = AnalysisOptions{},
        "The box lifts as `spinesim validate` runs them: for the scenarios' own subject, ratios to that subject's "
        "relaxed standing (GIL released).");

    py::class_<StoopSquatLevel>(m, "StoopSquatLevel",
                                "One lumbar level of the stoop vs squat comparison: stoop - squat peaks in body weights "
                                "vs the range of von Arx et al. 2021.")
        .def_readonly("level", &StoopSquatLevel::level)
        .def_readonly("compression_bw", &StoopSquatLevel::compression_bw, "at the study's lumbar flexions, BW")
        .def_readonly("shear_bw", &StoopSquatLevel::shear_bw, "peak |AP shear|, at the study's lumbar flexions, BW")
        .def_readonly("published_compression_low_bw", &StoopSquatLevel::published_compression_low_bw)
        .def_readonly("published_compression_high_bw", &StoopSquatLevel::published_compression_high_bw)
        .def_readonly("published_shear_low_bw", &StoopSquatLevel::published_shear_low_bw)
        .def_readonly("published_shear_high_bw", &StoopSquatLevel::published_shear_high_bw)
        .def_readonly("compression_in_range", &StoopSquatLevel::compression_in_range)
        .def_readonly("shear_in_range", &StoopSquatLevel::shear_in_range)
        .def_readonly("own_compression_bw", &StoopSquatLevel::own_compression_bw,
                      "at the scenarios' own lumbar flexion, BW")
        .def_readonly("own_shear_bw", &StoopSquatLevel::own_shear_bw, "at the scenarios' own lumbar flexion, BW");
    py::class_<StoopSquatRun>(m, "StoopSquatRun", "One simulated lift of the stoop vs squat comparison.")
        .def_readonly("scenario", &StoopSquatRun::scenario)
        .def_readonly("lumbar_flexion_rad", &StoopSquatRun::lumbar_flexion_rad, "whole-lumbar flexion at pick-up, rad")
        .def_readonly("frames", &StoopSquatRun::frames)
        .def_readonly("frames_solved", &StoopSquatRun::frames_solved);
    py::class_<StoopSquatReport>(m, "StoopSquatReport",
                                 "Stoop vs squat (box-lift twins, 15 kg box) against von Arx et al. 2021, an OpenSim "
                                 "model study with measured postures (not in vivo).")
        .def_readonly("levels", &StoopSquatReport::levels, "the model's lumbar levels in its order (L5/S1 first)")
        .def_readonly("load_kg", &StoopSquatReport::load_kg, "the study's box, kg")
        .def_readonly("stoop", &StoopSquatReport::stoop, "at the study's lordosis range of motion (35.9 deg)")
        .def_readonly("squat", &StoopSquatReport::squat, "at the study's lordosis range of motion (25.1 deg)")
        .def_readonly("own_stoop", &StoopSquatReport::own_stoop, "at the scenario's own lumbar flexion")
        .def_readonly("own_squat", &StoopSquatReport::own_squat, "at the scenario's own lumbar flexion")
        .def_readonly("subject", &StoopSquatReport::subject, "the scenarios' lifter (BW = mass x gravity)")
        .def("all_frames_solved", &StoopSquatReport::all_frames_solved);
    m.def(
        "run_von_arx_stoop_squat",
        [](const std::string& data_dir, const AnalysisOptions& options) {
            py::gil_scoped_release release;
            return run_von_arx_stoop_squat(data_dir, options);
        },
        py::arg("data_dir"), py::arg("options") = AnalysisOptions{},
        "Stoop vs squat as `spinesim validate` runs it: the box-lift twins with a 15 kg box at the study's lordosis "
        "ranges and at their own lumbar flexion, stoop - squat peaks in BW vs von Arx et al. 2021 (GIL released).");
}

}  // namespace spinesim::python
