//! CSV fields made once and written many times: each piece of text keeps its quotes doubled
//! and whether it holds a byte that makes its field quoted, so a row joins the pieces of its
//! prose without scanning that prose again. The bytes are what the csv crate writes (RFC 4180,
//! quoted only when a field holds `,`, `"`, CR or LF), formula-safe as `safe::csv_cell` makes
//! them: a field whose text starts like a formula gets a leading `'`.

use crate::render::safe::looks_like_formula;

/// A piece of a field: its text with `"` doubled, and whether the field must be quoted.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Piece {
    text: String,
    quote: bool,
}

impl Piece {
    pub fn new(raw: &str) -> Piece {
        let quote = raw.bytes().any(|b| matches!(b, b',' | b'"' | b'\r' | b'\n'));
        let text = if raw.contains('"') { raw.replace('"', "\"\"") } else { raw.to_string() };
        Piece { text, quote }
    }
}

/// One row being built, then handed out as bytes with its line end.
#[derive(Debug, Default)]
pub struct Line {
    buf: Vec<u8>,
    fields: usize,
}

impl Line {
    pub fn clear(&mut self) {
        self.buf.clear();
        self.fields = 0;
    }

    fn separate(&mut self) {
        if self.fields > 0 {
            self.buf.push(b',');
        }
        self.fields += 1;
    }

    /// A field made of pieces, joined: quoted when any piece needs it, with a leading `'`
    /// when the joined text starts like a formula.
    pub fn field(&mut self, pieces: &[&Piece]) {
        self.separate();
        let quote = pieces.iter().any(|p| p.quote);
        if quote {
            self.buf.push(b'"');
        }
        if pieces.iter().find(|p| !p.text.is_empty()).is_some_and(|p| looks_like_formula(&p.text)) {
            self.buf.push(b'\'');
        }
        for p in pieces {
            self.buf.extend_from_slice(p.text.as_bytes());
        }
        if quote {
            self.buf.push(b'"');
        }
    }

    /// A field of ids that never need quoting or defusing (statuses, layer ids).
    pub fn plain(&mut self, text: &str) {
        debug_assert!(Piece::new(text) == Piece { text: text.to_string(), quote: false } && !looks_like_formula(text));
        self.separate();
        self.buf.extend_from_slice(text.as_bytes());
    }

    /// The row's bytes with its line end.
    pub fn end(&mut self) -> &[u8] {
        self.buf.push(b'\n');
        &self.buf
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the csv crate writes for one record of these fields, each made formula-safe.
    fn reference(fields: &[&str]) -> Vec<u8> {
        let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::Any(b'\n')).from_writer(Vec::new());
        w.write_record(fields.iter().map(|f| crate::render::safe::csv_cell(f).into_owned())).unwrap();
        w.into_inner().unwrap()
    }

    #[test]
    fn fields_join_their_pieces_as_the_csv_crate_writes_the_joined_text() {
        let cases: [&[&str]; 7] = [
            &["plain", " text"],
            &["", "=SUM(A1)", " tail"],
            &["Orders, \"DB\"", " runs"],
            &["line\nbreak", ""],
            &["", ""],
            &["@cmd", ",x"],
            &["\r", "-1"],
        ];
        for pieces in cases {
            let joined = pieces.concat();
            let made: Vec<Piece> = pieces.iter().map(|p| Piece::new(p)).collect();
            let mut line = Line::default();
            line.field(&made.iter().collect::<Vec<_>>());
            line.plain("inherited");
            line.field(&[&Piece::new("tail")]);
            assert_eq!(line.end(), reference(&[&joined, "inherited", "tail"]).as_slice(), "{pieces:?}");
        }
    }
}
