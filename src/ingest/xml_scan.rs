//! The tags of raw XML and their attributes, read the way calamine's XML reader (quick-xml and
//! calamine's raw attribute scan) reads them: a `>` inside a quoted value does not end a tag,
//! either quote closes a value, whitespace may stand around `=`. The guards that look at a
//! spreadsheet's XML before calamine parses it (`zip_guard`, `ods_guard`) see what calamine
//! will see, so a reference or repeat count cannot slip past them by its spelling.

/// One element tag: `<name …>`, `</name>` or `<name …/>`.
pub struct Tag<'a> {
    /// The qualified name, prefix included (`table:table-row`, `x:c`).
    pub name: &'a [u8],
    /// `</name>`.
    pub end: bool,
    /// `<name …/>`.
    pub empty: bool,
    attrs: &'a [u8],
}

impl<'a> Tag<'a> {
    /// The name without its namespace prefix.
    pub fn local_name(&self) -> &'a [u8] {
        self.name.iter().rposition(|&b| b == b':').map_or(self.name, |i| &self.name[i + 1..])
    }

    /// The raw (not unescaped) value of every attribute whose key is `key`, in order; a
    /// malformed attribute ends the list (calamine stops at it with an error).
    pub fn values(&self, key: &'a [u8]) -> impl Iterator<Item = &'a [u8]> + 'a {
        Attrs { raw: self.attrs, pos: 0 }.filter(move |(k, _)| *k == key).map(|(_, v)| v)
    }

    /// The first value of `key`.
    pub fn value(&self, key: &'a [u8]) -> Option<&'a [u8]> {
        self.values(key).next()
    }

    /// Whether any attribute's key starts with `prefix`.
    pub fn has_attr_starting(&self, prefix: &[u8]) -> bool {
        Attrs { raw: self.attrs, pos: 0 }.any(|(k, _)| k.starts_with(prefix))
    }
}

/// The element tags of `xml`, in order (comments, CDATA, processing instructions and
/// declarations skipped).
pub fn tags(xml: &[u8]) -> Tags<'_> {
    Tags { xml, pos: 0 }
}

pub struct Tags<'a> {
    xml: &'a [u8],
    pos: usize,
}

impl<'a> Iterator for Tags<'a> {
    type Item = Tag<'a>;

    fn next(&mut self) -> Option<Tag<'a>> {
        loop {
            let start = self.pos + self.xml.get(self.pos..)?.iter().position(|&b| b == b'<')?;
            let rest = &self.xml[start + 1..];
            let skip_to = |end: &[u8]| rest.windows(end.len()).position(|w| w == end).map(|i| i + end.len());
            let skipped = if rest.starts_with(b"!--") {
                Some(skip_to(b"-->"))
            } else if rest.starts_with(b"![CDATA[") {
                Some(skip_to(b"]]>"))
            } else if rest.starts_with(b"?") {
                Some(skip_to(b"?>"))
            } else {
                None
            };
            if let Some(len) = skipped {
                self.pos = start + 1 + len.unwrap_or(rest.len());
                continue;
            }
            let len = tag_len(rest);
            self.pos = (start + 1 + len + 1).min(self.xml.len());
            let body = &rest[..len];
            if body.starts_with(b"!") {
                continue;
            }
            let end = body.starts_with(b"/");
            let body = if end { &body[1..] } else { body };
            let empty = body.ends_with(b"/");
            let body = if empty { &body[..body.len() - 1] } else { body };
            let name_len = body.iter().position(|b| b.is_ascii_whitespace()).unwrap_or(body.len());
            return Some(Tag { name: &body[..name_len], end, empty, attrs: &body[name_len..] });
        }
    }
}

/// The length of a tag's body up to its `>` (not counting `>` inside quotes), or to the end.
fn tag_len(rest: &[u8]) -> usize {
    let mut quote = None;
    for (i, &b) in rest.iter().enumerate() {
        match (quote, b) {
            (None, b'>') => return i,
            (None, b'"' | b'\'') => quote = Some(b),
            (Some(q), _) if q == b => quote = None,
            _ => {}
        }
    }
    rest.len()
}

/// `key="value"` pairs, scanned as calamine's `RawAttrIter` scans them.
struct Attrs<'a> {
    raw: &'a [u8],
    pos: usize,
}

impl<'a> Iterator for Attrs<'a> {
    type Item = (&'a [u8], &'a [u8]);

    fn next(&mut self) -> Option<Self::Item> {
        let raw = self.raw;
        let mut pos = self.pos;
        while pos < raw.len() && raw[pos].is_ascii_whitespace() {
            pos += 1;
        }
        let key_start = pos;
        pos += raw.get(pos..)?.iter().position(|&b| b == b'=')?;
        let key = raw[key_start..pos].trim_ascii_end();
        pos += 1;
        while pos < raw.len() && raw[pos].is_ascii_whitespace() {
            pos += 1;
        }
        let quote = *raw.get(pos).filter(|q| matches!(q, b'"' | b'\''))?;
        let val_start = pos + 1;
        let val_len = raw[val_start..].iter().position(|&b| b == quote).unwrap_or(raw.len() - val_start);
        self.pos = val_start + val_len + 1;
        Some((key, &raw[val_start..val_start + val_len]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_and_attributes_as_calamine_reads_them() {
        let xml = b"<?xml version='1.0'?><!-- it's <c r='X'> --><row\nr='7'><x:c a=\">\"\tr = \"B7\"/></row>";
        let all: Vec<Tag> = tags(xml).collect();
        assert_eq!(all.len(), 3);
        assert_eq!((all[0].name, all[0].value(b"r")), (&b"row"[..], Some(&b"7"[..])));
        assert_eq!((all[1].local_name(), all[1].empty, all[1].value(b"r")), (&b"c"[..], true, Some(&b"B7"[..])));
        assert!(all[2].end && all[2].name == b"row");
    }
}
