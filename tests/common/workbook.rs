//! Reading a rendered workbook back: sheets with calamine, package parts with zip.

use calamine::{open_workbook, Data, Range, Reader, Xlsx};
use std::io::Read;
use std::path::Path;

pub const XLSX: &str = "responsibility-matrix.xlsx";

pub fn workbook(dir: &Path) -> Xlsx<std::io::BufReader<std::fs::File>> {
    open_workbook(dir.join(XLSX)).expect("the workbook opens with calamine")
}

pub fn sheet(dir: &Path, name: &str) -> Range<Data> {
    workbook(dir).worksheet_range(name).unwrap_or_else(|e| panic!("sheet {name}: {e}"))
}

/// How a status is written in the workbook.
pub fn label(status: &str) -> &'static str {
    match status {
        "inherited" => "Inherited",
        "shared" => "Shared",
        "customer" => "Customer",
        "not-applicable" => "Not applicable",
        "mixed" => "Mixed",
        other => panic!("unknown status {other}"),
    }
}

/// One part of the XLSX package, as text.
pub fn part(path: &Path, name: &str) -> String {
    part_start(path, name, u64::MAX)
}

/// The first `bytes` of a part (a big sheet's XML can run to hundreds of megabytes).
pub fn part_start(path: &Path, name: &str, bytes: u64) -> String {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut text = Vec::new();
    zip.by_name(name).unwrap_or_else(|e| panic!("{name}: {e}")).take(bytes).read_to_end(&mut text).unwrap();
    String::from_utf8_lossy(&text).into_owned()
}

/// The package part of a sheet: respmatrix's workbook numbers its sheet parts in workbook order
/// (Customer Responsibilities is the fifth sheet, or the sixth after a Statements sheet).
fn sheet_part(path: &Path, sheet: &str) -> String {
    let book = part(path, "xl/workbook.xml");
    let names: Vec<&str> = book.split("<sheet name=\"").skip(1).map(|t| t.split('"').next().unwrap()).collect();
    let at = names.iter().position(|n| *n == sheet).unwrap_or_else(|| panic!("no sheet {sheet}"));
    format!("xl/worksheets/sheet{}.xml", at + 1)
}

/// Types reviewer input into cells of the Customer Responsibilities sheet, as a person would
/// (inline strings in the sheet's XML), and writes the edited workbook to `dst`.
pub fn type_into(src: &Path, dst: &Path, edits: &[(usize, usize, &str)]) {
    type_into_sheet(src, dst, "Customer Responsibilities", edits)
}

/// `type_into` another sheet.
pub fn type_into_sheet(src: &Path, dst: &Path, sheet: &str, edits: &[(usize, usize, &str)]) {
    let sheet_part = sheet_part(src, sheet);
    let mut zin = zip::ZipArchive::new(std::fs::File::open(src).unwrap()).unwrap();
    let mut out = zip::ZipWriter::new(std::fs::File::create(dst).unwrap());
    for i in 0..zin.len() {
        let mut f = zin.by_index(i).unwrap();
        let name = f.name().unwrap().to_string();
        let mut bytes = Vec::new();
        f.read_to_end(&mut bytes).unwrap();
        if name == sheet_part {
            let mut xml = String::from_utf8(bytes).unwrap();
            for (row, c, value) in edits {
                let r = format!("{}{}", (b'A' + *c as u8) as char, row + 1);
                let start = xml.find(&format!("<c r=\"{r}\"")).unwrap_or_else(|| panic!("cell {r}"));
                let end = start + xml[start..].find("/>").unwrap() + 2;
                let style = xml[start..end].split(" s=\"").nth(1).map(|t| t.split('"').next().unwrap().to_string());
                let s_attr = style.map(|s| format!(" s=\"{s}\"")).unwrap_or_default();
                xml.replace_range(
                    start..end,
                    &format!("<c r=\"{r}\"{s_attr} t=\"inlineStr\"><is><t>{value}</t></is></c>"),
                );
            }
            bytes = xml.into_bytes();
        }
        out.start_file(name, zip::write::SimpleFileOptions::default()).unwrap();
        std::io::Write::write_all(&mut out, &bytes).unwrap();
    }
    out.finish().unwrap();
}
