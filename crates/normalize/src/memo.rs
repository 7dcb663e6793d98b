//! Per-thread memos of the normalizer's pure functions.
//!
//! The recognizer asks for the same cell's text, years and value many times over (one
//! document's cells are read by several passes: roles, header rows, labels, units, coverage).
//! Over the dev corpus, [`crate::normalize_text`] was called 73,120 times for 4,215 distinct
//! texts, [`crate::scan_fiscal_years`] 10,073 times for 1,908 and [`crate::parse_value`] 7,804
//! times for 3,546 distinct (text, hints). These functions are pure, so each input is worked
//! out once per thread and its result given back after. A file's conversion runs on a thread
//! of its own, so a memo lives as long as one file; on any thread a memo is emptied when the
//! text it holds passes [`MEMO_BYTES`].

use std::borrow::Borrow;
use std::cell::RefCell;
use std::collections::HashMap;
use std::hash::Hash;
use std::thread::LocalKey;

/// The results of one function on this thread, by input, and about how much text they hold.
/// Kept in a `thread_local!` `RefCell` and used through [`memoized`].
pub struct Memo<K, V> {
    results: HashMap<K, V>,
    bytes: usize,
}

impl<K, V> Default for Memo<K, V> {
    fn default() -> Self {
        Memo {
            results: HashMap::new(),
            bytes: 0,
        }
    }
}

/// The most text (inputs and results) one function's memo holds on a thread.
pub const MEMO_BYTES: usize = 4 << 20;

/// `f()` for `key`, from the thread's memo when it was worked out before; `weight` says how
/// much text a result and its key hold. For pure functions only: a remembered result is given
/// back as it was.
pub fn memoized<K, V, Q>(
    memo: &'static LocalKey<RefCell<Memo<K, V>>>,
    key: &Q,
    weight: impl FnOnce(&V) -> usize,
    f: impl FnOnce() -> V,
) -> V
where
    K: Borrow<Q> + Hash + Eq,
    Q: ?Sized + Hash + Eq + ToOwned<Owned = K>,
    V: Clone,
{
    let known = memo
        .try_with(|m| {
            m.try_borrow()
                .ok()
                .and_then(|m| m.results.get(key).cloned())
        })
        .ok()
        .flatten();
    if let Some(known) = known {
        return known;
    }
    let result = f();
    // A thread ending (its locals gone) or a memo in use only go without remembering.
    let _ = memo.try_with(|m| {
        if let Ok(mut m) = m.try_borrow_mut() {
            if m.bytes > MEMO_BYTES {
                m.results.clear();
                m.bytes = 0;
            }
            m.bytes += weight(&result);
            m.results.insert(key.to_owned(), result.clone());
        }
    });
    result
}

/// The memo of one function on this thread: `memo!(K => V)` is a thread-local [`Memo`].
macro_rules! thread_memo {
    ($name:ident: $k:ty => $v:ty) => {
        thread_local!(static $name: std::cell::RefCell<$crate::memo::Memo<$k, $v>> =
            std::cell::RefCell::default());
    };
}
pub(crate) use thread_memo;

#[cfg(test)]
mod tests {
    use super::*;

    /// A thread's memo never holds much more than its bound: it starts afresh past it.
    #[test]
    fn a_memo_is_bounded_and_gives_back_what_it_holds() {
        thread_memo!(M: String => String);
        let big = "あ".repeat(MEMO_BYTES / 8);
        for i in 0..40 {
            let raw = format!("{i}{big}");
            let got = memoized(
                &M,
                raw.as_str(),
                |v: &String| raw.len() + v.len(),
                || raw.clone(),
            );
            assert_eq!(got, raw);
            let held = M.with(|m| m.borrow().bytes);
            assert!(held <= MEMO_BYTES + 2 * raw.len() + 2, "{held}");
        }
        let x = || "x".to_string();
        let y = || "y".to_string();
        assert_eq!(memoized(&M, "39", |_| 2, x), "x");
        assert_eq!(memoized(&M, "39", |_| 2, y), "x");
    }

    /// The memoized functions give, on every call, what they work out afresh: the same text
    /// under other hints is another input.
    #[test]
    fn memoized_values_and_years_are_those_worked_out_afresh() {
        use crate::{Hints, parse_value, scan_fiscal_years};
        let cells = [
            "15.6百万円",
            "3 (4)",
            "令和5（2023）年度",
            "R4実施",
            "90% 84.4% (93.8%)",
            "前年度比 5%増",
            "",
        ];
        let hints = [
            Hints::default(),
            Hints {
                unit: Some("千円".into()),
                cumulative: true,
                reference_year: Some(2023),
                roles: vec!["目標".into(), "実績".into(), "達成率".into()],
            },
        ];
        for _ in 0..2 {
            for cell in cells {
                for h in &hints {
                    assert_eq!(
                        parse_value(cell, h),
                        crate::value::parse_afresh(cell, h),
                        "{cell:?} {h:?}"
                    );
                }
                assert_eq!(scan_fiscal_years(cell), crate::era::scan_afresh(cell));
            }
        }
    }
}
