//! A zip file from entries whose data is already compressed: the workbook package after
//! `splice` has put the big sheets' rows into it. Plain zip (no zip64, no data descriptors,
//! no extra fields), which is what rust_xlsxwriter writes and every XLSX reader opens.

use std::io;

/// One entry: its name, how its data is stored (0 stored, 8 deflated), and the data as stored,
/// in pieces that follow one another.
pub struct Entry {
    pub name: String,
    pub method: u16,
    pub crc: u32,
    /// Uncompressed length.
    pub size: u64,
    pub data: Vec<Vec<u8>>,
    /// MS-DOS date and time.
    pub date: u16,
    pub time: u16,
}

const LOCAL: u32 = 0x0403_4b50;
const CENTRAL: u32 = 0x0201_4b50;
const END: u32 = 0x0605_4b50;
/// "Version needed to extract": 2.0, deflate.
const VERSION: u16 = 20;

impl Entry {
    fn stored_len(&self) -> usize {
        self.data.iter().map(Vec::len).sum()
    }
}

/// Writes the entries, in order, as one zip file. Each entry's data is dropped once copied,
/// so the entries and the file together hold about the file's size.
pub fn write(mut entries: Vec<Entry>) -> io::Result<Vec<u8>> {
    let total: usize = entries.iter().map(|e| e.stored_len() + 2 * e.name.len() + 76).sum::<usize>() + 22;
    let mut out = Vec::with_capacity(total);
    // Where each entry starts, and how long its stored data is.
    let mut places = Vec::with_capacity(entries.len());
    for e in &mut entries {
        let stored = e.stored_len();
        places.push((small(out.len() as u64, "offset")?, stored));
        put32(&mut out, LOCAL);
        header(&mut out, e, stored)?;
        out.extend_from_slice(e.name.as_bytes());
        std::mem::take(&mut e.data).into_iter().for_each(|piece| out.extend_from_slice(&piece));
    }
    let directory = out.len();
    for (e, (offset, stored)) in entries.iter().zip(places) {
        put32(&mut out, CENTRAL);
        put16(&mut out, VERSION); // made by
        header(&mut out, e, stored)?;
        put16(&mut out, 0); // comment length
        put16(&mut out, 0); // disk number
        put16(&mut out, 0); // internal attributes
        put32(&mut out, 0); // external attributes
        put32(&mut out, offset);
        out.extend_from_slice(e.name.as_bytes());
    }
    let count = u16::try_from(entries.len()).map_err(|_| too_big("entry count"))?;
    let directory_size = small((out.len() - directory) as u64, "central directory")?;
    put32(&mut out, END);
    put16(&mut out, 0); // this disk
    put16(&mut out, 0); // disk with the directory
    put16(&mut out, count);
    put16(&mut out, count);
    put32(&mut out, directory_size);
    put32(&mut out, small(directory as u64, "offset")?);
    put16(&mut out, 0); // comment length
    Ok(out)
}

/// The fields a local header and a central directory record share, up to the name.
fn header(out: &mut Vec<u8>, e: &Entry, stored: usize) -> io::Result<()> {
    put16(out, VERSION);
    put16(out, 0); // flags: no data descriptor, ASCII names
    put16(out, e.method);
    put16(out, e.time);
    put16(out, e.date);
    put32(out, e.crc);
    put32(out, small(stored as u64, "compressed part")?);
    put32(out, small(e.size, "part")?);
    put16(out, u16::try_from(e.name.len()).map_err(|_| too_big("part name"))?);
    put16(out, 0); // extra field length
    Ok(())
}

fn small(n: u64, what: &str) -> io::Result<u32> {
    u32::try_from(n).map_err(|_| too_big(what))
}

fn too_big(what: &str) -> io::Error {
    io::Error::other(format!(
        "a workbook {what} over the 4 GB a zip without zip64 holds: split the inventory into several reports"
    ))
}

fn put16(out: &mut Vec<u8>, n: u16) {
    out.extend_from_slice(&n.to_le_bytes());
}

fn put32(out: &mut Vec<u8>, n: u32) {
    out.extend_from_slice(&n.to_le_bytes());
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn the_zip_crate_reads_back_stored_and_deflated_entries() {
        let text = b"<worksheet>rows</worksheet>".repeat(50);
        let mut deflate = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::fast());
        std::io::Write::write_all(&mut deflate, &text).unwrap();
        let entry = |name: &str, method, data| Entry {
            name: name.into(),
            method,
            crc: crc32fast::hash(&text),
            size: text.len() as u64,
            data: vec![data],
            date: 0x21,
            time: 0,
        };
        let zip = write(vec![entry("a.xml", 0, text.clone()), entry("b/c.xml", 8, deflate.finish().unwrap())]).unwrap();
        let mut archive = zip::ZipArchive::new(std::io::Cursor::new(zip)).unwrap();
        assert_eq!(archive.len(), 2);
        for name in ["a.xml", "b/c.xml"] {
            let mut back = Vec::new();
            archive.by_name(name).unwrap().read_to_end(&mut back).unwrap();
            assert_eq!(back, text, "{name}");
        }
    }
}
