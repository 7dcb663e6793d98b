//! CSV/TSV bytes (encoding detection, delimiter sniffing, grid) through the sheet reader.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let opts = muniplan_sheet::SheetOptions {
        max_cells: 200_000,
        ..muniplan_sheet::SheetOptions::new()
    };
    let _ = muniplan_sheet::detect(data, "x.csv");
    let _ = muniplan_sheet::read(data, "x.csv", &opts);
});
