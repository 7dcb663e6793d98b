//! Print headers of xlsx worksheets (`<oddHeader>`, `<firstHeader>`), where Japanese municipal
//! workbooks often keep the document's title (`&C第３次あま市行政改革大綱　個別取組項目`).
//! Formatting codes are removed; page numbers, dates and file names are not text of the sheet.

use quick_xml::Reader;
use quick_xml::XmlVersion;
use quick_xml::escape::resolve_predefined_entity;
use quick_xml::events::Event;

use crate::zipx;

/// Largest workbook part read here.
const MAX_PART: u64 = 64 << 20;

/// (sheet name, header texts) for every worksheet that has a print header. Best effort: a
/// workbook whose parts cannot be read simply has no headers.
pub(crate) fn xlsx_headers(bytes: &[u8]) -> Vec<(String, Vec<String>)> {
    let Ok(mut zip) = zipx::open(bytes) else {
        return Vec::new();
    };
    let read = |zip: &mut zipx::Archive<'_>, name: &str| {
        zipx::read_entry(zip, name, MAX_PART)
            .ok()
            .flatten()
            .map(|b| String::from_utf8_lossy(&b).into_owned())
    };
    let (Some(workbook), Some(rels)) = (
        read(&mut zip, "xl/workbook.xml"),
        read(&mut zip, "xl/_rels/workbook.xml.rels"),
    ) else {
        return Vec::new();
    };
    let sheets = elements(&workbook, "sheet", &["name", "r:id"]);
    let targets = elements(&rels, "Relationship", &["Id", "Target"]);
    let mut out = Vec::new();
    for attrs in sheets {
        let [Some(name), Some(rid)] = [
            attrs.first().cloned().flatten(),
            attrs.get(1).cloned().flatten(),
        ] else {
            continue;
        };
        let Some(target) = targets
            .iter()
            .find(|t| t.first().cloned().flatten().as_deref() == Some(rid.as_str()))
            .and_then(|t| t.get(1).cloned().flatten())
        else {
            continue;
        };
        let path = match target.strip_prefix('/') {
            Some(abs) => abs.to_string(),
            None => format!("xl/{target}"),
        };
        let Some(xml) = read(&mut zip, &path) else {
            continue;
        };
        let mut texts: Vec<String> = Vec::new();
        for raw in element_texts(&xml, &["oddHeader", "firstHeader", "evenHeader"]) {
            for section in decode(&raw) {
                if !texts.contains(&section) {
                    texts.push(section);
                }
            }
        }
        if !texts.is_empty() {
            out.push((name, texts));
        }
    }
    out
}

/// The named attributes of every element called `tag`.
fn elements(xml: &str, tag: &str, attrs: &[&str]) -> Vec<Vec<Option<String>>> {
    let mut reader = Reader::from_str(xml);
    let mut out = Vec::new();
    loop {
        match reader.read_event() {
            Ok(Event::Start(e) | Event::Empty(e)) if e.name().as_ref() == tag => {
                let mut values = vec![None; attrs.len()];
                for a in e.attributes().flatten() {
                    if let Some(i) = attrs.iter().position(|n| a.key.as_ref() == *n)
                        && let Ok(v) = a.normalized_value(XmlVersion::Implicit1_0)
                        && let Some(slot) = values.get_mut(i)
                    {
                        *slot = Some(v.into_owned());
                    }
                }
                out.push(values);
            }
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    out
}

/// The text content of every element named in `tags`.
fn element_texts(xml: &str, tags: &[&str]) -> Vec<String> {
    let mut reader = Reader::from_str(xml);
    let mut out = Vec::new();
    let mut inside = false;
    let mut current = String::new();
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) if tags.iter().any(|t| e.name().as_ref() == *t) => {
                inside = true;
                current.clear();
            }
            Ok(Event::Text(t)) if inside => {
                current.push_str(&t.xml10_content());
            }
            Ok(Event::GeneralRef(r)) if inside => {
                if let Ok(Some(ch)) = r.resolve_char_ref() {
                    current.push(ch);
                } else if let Some(s) = resolve_predefined_entity(&r.xml10_content()) {
                    current.push_str(s);
                }
            }
            Ok(Event::End(e)) if inside && tags.iter().any(|t| e.name().as_ref() == *t) => {
                inside = false;
                out.push(std::mem::take(&mut current));
            }
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    out
}

/// A header string (ECMA-376 Part 1, 18.3.1.39 headerFooter) to its left, centre and right
/// texts: `&L &C &R` start sections; `&"font,style"`, `&K` colours, `&NN` sizes and the
/// toggles are formatting; `&P &N &D &T &F &A &Z &G` are fields (page, date, file …) and
/// dropped; `&&` is a literal `&`.
pub(crate) fn decode(raw: &str) -> Vec<String> {
    let mut sections: Vec<String> = Vec::new();
    let mut cur = String::new();
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '&' {
            cur.push(c);
            continue;
        }
        match chars.next() {
            Some('&') => cur.push('&'),
            Some('L' | 'C' | 'R') => {
                sections.push(std::mem::take(&mut cur));
            }
            Some('"') => {
                for c in chars.by_ref() {
                    if c == '"' {
                        break;
                    }
                }
            }
            Some('K') => {
                for _ in 0..6 {
                    chars.next();
                }
            }
            Some(d) if d.is_ascii_digit() => {
                while chars.peek().is_some_and(|c| c.is_ascii_digit()) {
                    chars.next();
                }
            }
            _ => {}
        }
    }
    sections.push(cur);
    sections
        .into_iter()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_header_codes() {
        assert_eq!(
            decode("&C&\"IPAexゴシック,Regular\"第３次あま市行政改革大綱　個別取組項目"),
            ["第３次あま市行政改革大綱　個別取組項目"]
        );
        assert_eq!(decode("&L&8資料1&R&P / &N"), ["資料1", "/"]);
        assert_eq!(decode("&CA&&B&K00FF00緑"), ["A&B緑"]);
        assert_eq!(decode(""), Vec::<String>::new());
    }
}
