//! Every diagnostic code muniplan emits, in one place, with what it means for a data team: a
//! code whose diagnostic may mean a value was lost or is wrong asks for a look ([`Review::Look`]:
//! its document is flagged for review in `convert`'s summary and report.json); the others are
//! information ([`Review::Info`]: kept in the document's warnings, never flagged).
//!
//! A test reads the workspace's sources and fails when a code is emitted that is not listed
//! here, or listed and no longer emitted.

use crate::Severity;

/// What a diagnostic code asks of the reader of the output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Review {
    /// A value may be lost or wrong: look at the document.
    Look,
    /// Information: something was decided or noticed; nothing was lost.
    Info,
}

/// One diagnostic code and why it is classified as it is.
#[derive(Debug)]
pub struct Code {
    /// The stable kebab-case code.
    pub code: &'static str,
    /// Whether a document carrying it needs a look.
    pub review: Review,
    /// Why, in a few words.
    pub why: &'static str,
}

const fn look(code: &'static str, why: &'static str) -> Code {
    Code {
        code,
        review: Review::Look,
        why,
    }
}

const fn info(code: &'static str, why: &'static str) -> Code {
    Code {
        code,
        review: Review::Info,
        why,
    }
}

/// Every code, sorted by name.
pub const CODES: &[Code] = &[
    look(
        "achievement-rate-disagrees",
        "a printed 達成率 disagrees with the target and actual: one of them is wrong or misread",
    ),
    info(
        "as-of",
        "the date a value is stamped with; it is in the observation's as_of",
    ),
    look(
        "cell-error-value",
        "a cell holds a spreadsheet error (#DIV/0!): its value is lost",
    ),
    look(
        "conflicting-restatement",
        "a restating list prints another value than the main table: one is wrong",
    ),
    look(
        "csv-unterminated-quote",
        "a quoted field runs to the end of the file: rows may be merged into one cell",
    ),
    info(
        "delimiter-sniffed",
        "the CSV delimiter was detected, not given",
    ),
    look(
        "era-western-mismatch",
        "an era year and the western year printed with it disagree: the year may be wrong",
    ),
    look(
        "era-year-after-end",
        "an era year past the era's end was read as a later year: the year may be wrong",
    ),
    look(
        "formula-without-value",
        "a formula cell has no cached value: its value is lost",
    ),
    look(
        "grade-disagrees",
        "a printed grade disagrees with the values it judges: one of them is wrong or misread",
    ),
    look(
        "municipality-mismatch",
        "the document prints another city than the one given: the city of every row may be wrong",
    ),
    info(
        "not-a-value",
        "a cell with digits that is not a value (a plan name, a dated step) is kept whole as the observation's text",
    ),
    info(
        "number-format-approximated",
        "a number format was shown approximately; the stored value is exact",
    ),
    info(
        "number-formats-unavailable",
        "the workbook's number formats could not be read; values are the stored ones",
    ),
    look(
        "overflow",
        "a value is too large after scaling by its unit: its value is lost",
    ),
    look(
        "pdf-content-damaged",
        "a page's content stream is damaged: text may be missing",
    ),
    look(
        "pdf-font-missing",
        "a font is not in the page's resources: its text is skipped",
    ),
    look(
        "pdf-internal-error",
        "a page could not be read: its values are lost",
    ),
    look(
        "pdf-limit-exceeded",
        "a reading limit cut a page or the file short: values may be lost",
    ),
    look("pdf-no-pages", "the PDF has no readable page"),
    look(
        "pdf-no-text-layer",
        "a page has no text layer (scanned): its values are lost",
    ),
    look(
        "pdf-page-damaged",
        "a page could not be read: its values are lost",
    ),
    look(
        "pdf-page-missing",
        "a page could not be found: its values are lost",
    ),
    look(
        "pdf-stream-broken",
        "a stream cannot be decoded: its text is lost",
    ),
    look(
        "pdf-unmapped-glyphs",
        "glyphs without a Unicode mapping: text and values may be misread",
    ),
    look(
        "range-duration-mismatch",
        "a year range and the duration printed with it disagree: kept as text",
    ),
    look(
        "range-reversed",
        "a year range ends before it starts: kept as text",
    ),
    info(
        "restated-value",
        "a restating list prints the same value as the main table: folded into it",
    ),
    look(
        "roles-count-mismatch",
        "a cell holds more or fewer values than its labels: roles not assigned",
    ),
    look(
        "same-as-previous-without-previous",
        "同上 with no previous value: its value is lost",
    ),
    info("sheet-hidden", "a hidden sheet was read like the others"),
    info(
        "sheet-skipped",
        "a sheet that is not a worksheet (a chart or dialog sheet) was skipped; it has no cells",
    ),
    look(
        "sheet-unreadable",
        "a sheet could not be read: its values are lost",
    ),
    look(
        "too-many-rules",
        "a page draws too many rules for its tables to be rebuilt: values may be lost",
    ),
    info(
        "value-hidden-by-merge",
        "values under a merged range are not displayed and are ignored, as on the printed page",
    ),
    look(
        "values-without-initiative",
        "values follow no initiative title: they were dropped",
    ),
    look(
        "western-year-mismatch",
        "a year is followed by a different western year: the year may be wrong",
    ),
    info(
        "xls-is-text",
        "an .xls file is text (HTML or CSV) and was read as such",
    ),
    look(
        "year-not-chosen",
        "the fiscal year could not be decided between two candidates: kept as text",
    ),
];

/// The entry for `code`, if it is one muniplan emits.
pub fn code(code: &str) -> Option<&'static Code> {
    CODES.iter().find(|c| c.code == code)
}

/// Whether a diagnostic flags its document for review: every error (part of the input could
/// not be read); otherwise as its code is classified in [`CODES`]; a code not listed there
/// flags when it is a warning (it may be new and has not been judged).
pub fn needs_review(severity: Severity, code_name: &str) -> bool {
    match (severity, code(code_name)) {
        (Severity::Error, _) => true,
        (_, Some(c)) => c.review == Review::Look,
        (s, None) => s == Severity::Warning,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;
    use std::path::Path;

    /// The first string literal after `pat`, when it follows directly (after whitespace).
    fn literals_after(src: &str, pat: &str, out: &mut BTreeSet<String>) {
        for (i, _) in src.match_indices(pat) {
            let rest = src[i + pat.len()..].trim_start();
            if let Some(body) = rest.strip_prefix('"')
                && let Some(end) = body.find('"')
            {
                out.insert(body[..end].to_string());
            }
        }
    }

    fn scan(dir: &Path, out: &mut BTreeSet<String>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                scan(&p, out);
            } else if p.extension().is_some_and(|x| x == "rs")
                && !p.ends_with("codes.rs")
                && !p.ends_with("tests.rs")
            {
                let src = std::fs::read_to_string(&p).unwrap_or_default();
                // Unit tests make diagnostics of their own: only the code before them counts
                // (an inline `mod tests {` last in the file, or a `tests.rs`).
                let src = src.split("mod tests {").next().unwrap_or_default();
                for pat in [
                    "Diagnostic::warning(",
                    "Diagnostic::info(",
                    "Diagnostic::error(",
                    "diag_warning(",
                    "diag_error(",
                    "Note::new(",
                    "code: \"",
                ] {
                    if pat == "code: \"" {
                        for (i, _) in src.match_indices(pat) {
                            let body = &src[i + pat.len()..];
                            if let Some(end) = body.find('"') {
                                out.insert(body[..end].to_string());
                            }
                        }
                    } else {
                        literals_after(src, pat, out);
                    }
                }
            }
        }
    }

    #[test]
    fn every_emitted_code_is_classified_and_every_listed_code_is_emitted() {
        let crates = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let mut emitted = BTreeSet::new();
        scan(&crates, &mut emitted);
        assert!(
            emitted.contains("conflicting-restatement") && emitted.contains("pdf-page-damaged"),
            "the scan finds codes: {emitted:?}"
        );
        let listed: BTreeSet<String> = CODES.iter().map(|c| c.code.to_string()).collect();
        let unlisted: Vec<_> = emitted.difference(&listed).collect();
        assert!(
            unlisted.is_empty(),
            "emitted but not in CODES: {unlisted:?}"
        );
        let stale: Vec<_> = listed.difference(&emitted).collect();
        assert!(stale.is_empty(), "in CODES but never emitted: {stale:?}");
    }

    #[test]
    fn codes_are_sorted_and_unique() {
        let names: Vec<&str> = CODES.iter().map(|c| c.code).collect();
        let mut sorted = names.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(names, sorted);
    }

    #[test]
    fn errors_always_flag_info_never_unknown_warnings_do() {
        assert!(needs_review(Severity::Error, "sheet-skipped"));
        assert!(!needs_review(Severity::Info, "sheet-skipped"));
        assert!(needs_review(Severity::Error, "no-such-code"));
        assert!(needs_review(Severity::Warning, "conflicting-restatement"));
        assert!(!needs_review(Severity::Warning, "not-a-value"));
        assert!(!needs_review(Severity::Info, "restated-value"));
        assert!(needs_review(Severity::Warning, "no-such-code"));
        assert!(!needs_review(Severity::Info, "no-such-code"));
    }
}
