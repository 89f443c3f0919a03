//! ODS sheets say "this row 1,048,576 times, this cell 16,384 times" (`number-rows-repeated`,
//! `number-columns-repeated`), so a few bytes can stand for billions of cells. Before calamine
//! expands them, the cells that hold content are counted with their repeats: more than
//! `SHEET_CELLS_MAX` is refused. Empty repeated cells (the trailing filler LibreOffice writes,
//! `<table:table-cell table:number-columns-repeated="1024"/>`) do not count.

use super::limits::SHEET_CELLS_MAX;

/// The number of content cells `content.xml` expands to, or `Err` with that count once it
/// passes the limit.
pub fn check(xml: &[u8]) -> Result<u64, u64> {
    let mut total = 0u64;
    let mut row_repeat = 1u64;
    let mut row_cells = 0u64;
    let mut rest = xml;
    while let Some(i) = rest.iter().position(|&b| b == b'<') {
        let end = rest[i..].iter().position(|&b| b == b'>').map_or(rest.len(), |e| i + e);
        let tag = &rest[i + 1..end];
        let closing = tag.ends_with(b"/");
        let name_len = tag.iter().position(|b| b.is_ascii_whitespace() || *b == b'/').unwrap_or(tag.len());
        match &tag[..name_len] {
            b"table:table-row" if !closing => {
                row_repeat = attr(tag, b"table:number-rows-repeated");
                row_cells = 0;
            }
            b"" if tag.starts_with(b"/table:table-row") => {
                total = total.saturating_add(row_repeat.saturating_mul(row_cells));
                if total > SHEET_CELLS_MAX {
                    return Err(total);
                }
            }
            b"table:table-cell" | b"table:covered-table-cell" if !closing => {
                row_cells = row_cells.saturating_add(attr(tag, b"table:number-columns-repeated"));
            }
            _ => {}
        }
        rest = rest.get(end + 1..).unwrap_or(&[]);
    }
    Ok(total)
}

/// A repeat count attribute (1 when absent or not a number).
fn attr(tag: &[u8], name: &[u8]) -> u64 {
    let Some(at) = tag.windows(name.len() + 2).position(|w| w.starts_with(name) && w.ends_with(b"=\"")) else {
        return 1;
    };
    let value = &tag[at + name.len() + 2..];
    let digits: Vec<u8> = value.iter().take_while(|b| b.is_ascii_digit()).take(20).copied().collect();
    std::str::from_utf8(&digits).ok().and_then(|d| d.parse().ok()).unwrap_or(u64::MAX).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeated_content_counts_and_empty_filler_does_not() {
        let filler = br#"<table:table-row table:number-rows-repeated="1048553"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>"#;
        let row = br#"<table:table-row><table:table-cell office:value-type="string"><text:p>Web</text:p></table:table-cell><table:table-cell/></table:table-row>"#;
        assert_eq!(check(&[&row[..], &filler[..]].concat()), Ok(1));
        let bomb = br#"<table:table-row table:number-rows-repeated="1048576"><table:table-cell table:number-columns-repeated="16384"><text:p>x</text:p></table:table-cell></table:table-row>"#;
        assert!(check(bomb).is_err());
    }
}
