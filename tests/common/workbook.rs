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
