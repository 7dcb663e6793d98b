//! xlsx bytes (zip, workbook/sheet XML, shared strings, styles, merges) through the sheet
//! reader. Other formats sniffed from the same bytes (ods, xls) are reached too.
//!
//! Panics inside calamine are caught by muniplan-sheet and reported as "truncated or corrupt
//! …: parser failure: …" (see tests/bad-inputs/fuzz-xls-calamine-panic.xlsx); they are known
//! upstream bugs, so this target lets them through and aborts only on a panic anywhere else.
#![no_main]
use std::sync::Once;

static HOOK: Once = Once::new();

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    HOOK.call_once(|| {
        let libfuzzer_hook = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let in_calamine = info
                .location()
                .is_some_and(|l| l.file().contains("/calamine-"));
            if !in_calamine {
                libfuzzer_hook(info);
            }
        }));
    });
    let opts = muniplan_sheet::SheetOptions {
        max_cells: 200_000,
        ..muniplan_sheet::SheetOptions::new()
    };
    let _ = muniplan_sheet::read(data, "x.xlsx", &opts);
});
