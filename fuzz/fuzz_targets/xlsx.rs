//! xlsx bytes (zip, workbook/sheet XML, shared strings, styles, merges) through the sheet
//! reader. Other formats sniffed from the same bytes (ods, xls) are reached too.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let opts = muniplan_sheet::SheetOptions { max_cells: 200_000 };
    let _ = muniplan_sheet::read(data, "x.xlsx", &opts);
});
