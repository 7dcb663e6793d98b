//! The ToUnicode/CMap parser (crate-private in muniplan-pdf), reached through a one-page PDF
//! whose Type0 font carries the input as its ToUnicode stream; the page's text is decoded.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let pdf = muniplan_fuzz::pdf_with_tounicode(data);
    if let Ok(doc) = muniplan_pdf::open(&pdf, &muniplan_fuzz::pdf_options()) {
        let page = doc.page(1);
        let _ = muniplan_pdf::lines(&page);
    }
});
