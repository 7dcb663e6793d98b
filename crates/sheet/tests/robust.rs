//! Hostile bytes: random mutations and truncations of real workbooks, and random bytes under
//! every extension, give a document or an error, never a panic.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use muniplan_sheet::{SheetOptions, read};
use proptest::prelude::*;

const FILES: [(&str, &[u8]); 4] = [
    ("a.xlsx", include_bytes!("data/features.xlsx")),
    ("a.ods", include_bytes!("data/features.ods")),
    ("a.xls", include_bytes!("data/features.xls")),
    (
        "a.csv",
        include_bytes!("../../../fixtures/minamialps/minamialps_mokuhyo_cp932.csv"),
    ),
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn mutated_files_never_panic(
        which in 0usize..4,
        flips in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..12),
        cut in any::<prop::sample::Index>(),
        truncate in any::<bool>(),
    ) {
        let (name, original) = FILES[which];
        let mut bytes = original.to_vec();
        for (at, x) in flips {
            let i = at.index(bytes.len());
            bytes[i] ^= x | 1;
        }
        if truncate {
            bytes.truncate(cut.index(bytes.len()));
        }
        let opts = SheetOptions { max_cells: 10_000, ..SheetOptions::new() };
        let outcome = std::panic::catch_unwind(|| read(&bytes, name, &opts));
        prop_assert!(outcome.is_ok(), "read panicked on a mutated {name}");
    }

    #[test]
    fn random_bytes_never_panic(
        bytes in proptest::collection::vec(any::<u8>(), 0..2048),
        ext in prop::sample::select(vec!["xlsx", "xlsm", "xlsb", "xls", "ods", "csv", "tsv", "bin"]),
        magic in prop::sample::select(vec![&b""[..], b"PK\x03\x04", b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"]),
    ) {
        let mut data = magic.to_vec();
        data.extend_from_slice(&bytes);
        let name = format!("r.{ext}");
        let outcome = std::panic::catch_unwind(|| read(&data, &name, &SheetOptions::new()));
        prop_assert!(outcome.is_ok());
    }
}
