//! Small helpers over the `zip` crate for in-memory archives.

use std::io::{Cursor, Read};

use zip::ZipArchive;

/// An in-memory zip archive.
pub(crate) type Archive<'a> = ZipArchive<Cursor<&'a [u8]>>;

/// Open a zip archive held in memory.
pub(crate) fn open(bytes: &[u8]) -> Result<Archive<'_>, String> {
    ZipArchive::new(Cursor::new(bytes)).map_err(|e| e.to_string())
}

/// Whether the archive holds an entry with this exact name.
pub(crate) fn has(zip: &Archive<'_>, name: &str) -> bool {
    zip.index_for_name(name).is_some()
}

/// Read one entry as bytes, refusing entries that inflate beyond `limit` bytes.
/// `Ok(None)` when the entry does not exist.
pub(crate) fn read_entry(
    zip: &mut Archive<'_>,
    name: &str,
    limit: u64,
) -> Result<Option<Vec<u8>>, String> {
    let Some(i) = zip.index_for_name(name) else {
        return Ok(None);
    };
    let entry = zip.by_index(i).map_err(|e| format!("{name}: {e}"))?;
    let mut out = Vec::new();
    entry
        .take(limit.saturating_add(1))
        .read_to_end(&mut out)
        .map_err(|e| format!("{name}: {e}"))?;
    if out.len() as u64 > limit {
        return Err(format!("{name} inflates beyond {limit} bytes"));
    }
    Ok(Some(out))
}

/// The first entry whose declared inflated size is over `limit`, with that size. Reads only the
/// central directory: nothing is inflated.
pub(crate) fn oversized_part(bytes: &[u8], limit: u64) -> Option<(String, u64)> {
    let mut zip = open(bytes).ok()?;
    (0..zip.len()).find_map(|i| {
        let entry = zip.by_index_raw(i).ok()?;
        let name = entry
            .name()
            .map(|n| n.into_owned())
            .unwrap_or_else(|_| format!("entry {i}"));
        (entry.size() > limit).then_some((name, entry.size()))
    })
}
