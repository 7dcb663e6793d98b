//! PDF bytes → open → every page's glyphs and lines → layout tables.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    muniplan_fuzz::pdf_all_the_way(data);
});
