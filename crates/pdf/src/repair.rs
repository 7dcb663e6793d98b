//! Byte-level repairs applied before lopdf sees a file.
//!
//! lopdf only understands an `/Encrypt` entry that is a reference; some writers put the
//! encryption dictionary directly into the trailer. We then append an incremental update
//! that moves it into an indirect object, so lopdf's security handler can use it.

/// Skip a literal string starting at `i` (at `(`); returns the index after it.
fn skip_literal(b: &[u8], mut i: usize) -> usize {
    let mut depth = 0usize;
    while let Some(&c) = b.get(i) {
        match c {
            b'\\' => i += 1,
            b'(' => depth += 1,
            b')' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return i + 1;
                }
            }
            _ => {}
        }
        i += 1;
    }
    i
}

/// End (exclusive) of the dictionary starting at `i` (at `<<`).
fn dict_end(b: &[u8], mut i: usize) -> Option<usize> {
    let mut depth = 0usize;
    while i < b.len() {
        match (b.get(i), b.get(i + 1)) {
            (Some(b'('), _) => {
                i = skip_literal(b, i);
                continue;
            }
            (Some(b'<'), Some(b'<')) => {
                depth += 1;
                i += 2;
                continue;
            }
            (Some(b'>'), Some(b'>')) => {
                depth = depth.checked_sub(1)?;
                i += 2;
                if depth == 0 {
                    return Some(i);
                }
                continue;
            }
            (Some(b'<'), _) => {
                // Hex string.
                while let Some(&c) = b.get(i) {
                    i += 1;
                    if c == b'>' {
                        break;
                    }
                }
                continue;
            }
            _ => i += 1,
        }
    }
    None
}

fn rfind(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
}

fn number_after(b: &[u8], key: &[u8]) -> Option<u64> {
    let at = b.windows(key.len()).position(|w| w == key)? + key.len();
    let rest = b.get(at..)?;
    let s: String = rest
        .iter()
        .skip_while(|c| c.is_ascii_whitespace())
        .take_while(|c| c.is_ascii_digit())
        .map(|c| char::from(*c))
        .collect();
    s.parse().ok()
}

/// Repair the last trailer for lopdf's security handler: an `/Encrypt << … >>` held
/// directly becomes an indirect object, and a missing `/ID` (which the key derivation needs)
/// is added as an empty string. Returns the file with an appended incremental update, or
/// `None` when no repair applies.
pub(crate) fn indirect_encrypt(b: &[u8]) -> Option<Vec<u8>> {
    let t = rfind(b, b"trailer")?;
    let tstart = t + 7 + b.get(t + 7..)?.iter().position(|c| *c == b'<')?;
    let tend = dict_end(b, tstart)?;
    let trailer = b.get(tstart..tend)?;
    let k = trailer.windows(8).position(|w| w == b"/Encrypt")?;
    let mut i = k + 8;
    while trailer.get(i).is_some_and(|c| c.is_ascii_whitespace()) {
        i += 1;
    }
    let direct = trailer.get(i..i + 2) == Some(b"<<");
    let has_id = trailer.windows(3).any(|w| w == b"/ID");
    if !direct && has_id {
        return None;
    }
    let size = number_after(trailer, b"/Size")?;
    let sx = rfind(b, b"startxref")?;
    let prev = number_after(b.get(sx..)?, b"startxref")?;
    let mut out = b.to_vec();
    out.push(b'\n');
    let mut body = Vec::new();
    let mut entries = String::from("xref\n0 1\n0000000000 65535 f \n");
    let mut new_size = size;
    if direct {
        let eend = dict_end(trailer, i)?;
        let enc = trailer.get(i..eend)?;
        body.extend_from_slice(trailer.get(2..k)?);
        body.extend_from_slice(trailer.get(eend..trailer.len().checked_sub(2)?)?);
        let obj_off = out.len();
        out.extend_from_slice(format!("{size} 0 obj\n").as_bytes());
        out.extend_from_slice(enc);
        out.extend_from_slice(b"\nendobj\n");
        entries.push_str(&format!("{size} 1\n{obj_off:010} 00000 n \n"));
        body.extend_from_slice(format!(" /Encrypt {size} 0 R").as_bytes());
        new_size = size.saturating_add(1);
    } else {
        body.extend_from_slice(trailer.get(2..trailer.len().checked_sub(2)?)?);
    }
    if !has_id {
        body.extend_from_slice(b" /ID [<> <>]");
    }
    let body = strip_key(&strip_key(&body, b"/Size"), b"/Prev");
    let xref_off = out.len();
    out.extend_from_slice(entries.as_bytes());
    out.extend_from_slice(b"trailer\n<<");
    out.extend_from_slice(&body);
    out.extend_from_slice(
        format!(" /Size {new_size} /Prev {prev}>>\nstartxref\n{xref_off}\n%%EOF\n").as_bytes(),
    );
    Some(out)
}

/// Remove `/Key <number>` from a dictionary body.
fn strip_key(body: &[u8], key: &[u8]) -> Vec<u8> {
    let Some(at) = body.windows(key.len()).position(|w| w == key) else {
        return body.to_vec();
    };
    let mut j = at + key.len();
    while body.get(j).is_some_and(|c| c.is_ascii_whitespace()) {
        j += 1;
    }
    while body.get(j).is_some_and(|c| c.is_ascii_digit()) {
        j += 1;
    }
    let mut out = body.get(..at).unwrap_or(&[]).to_vec();
    out.extend_from_slice(body.get(j..).unwrap_or(&[]));
    out
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    #[test]
    fn moves_direct_encrypt_dict() {
        let src = b"%PDF-1.4\n1 0 obj<<>>endobj\nxref\n0 1\n0000000000 65535 f \ntrailer\n<</Root 1 0 R/Encrypt<</Filter/Standard/O(a>>\\)b)>>/Size 2>>\nstartxref\n27\n%%EOF\n";
        let out = indirect_encrypt(src).unwrap();
        let s = String::from_utf8_lossy(&out);
        assert!(
            s.contains("2 0 obj\n<</Filter/Standard/O(a>>\\)b)>>\nendobj"),
            "{s}"
        );
        assert!(
            s.contains("/Encrypt 2 0 R /ID [<> <>] /Size 3 /Prev 27>>"),
            "{s}"
        );
        assert!(indirect_encrypt(&out).is_none());
    }
}
