//! The limits every reader keeps, so a small hostile file cannot take unbounded memory, time or
//! stack. Each is several times what real inputs need (the SP 800-53 rev5 catalog is 3.2 MB
//! with groups nested 4 deep; FedRAMP workbooks are under 1 MB; a 5,000-service inventory is
//! 100,000 cells). A limit hit is an `Unreadable` error (exit 2) naming the file, the place
//! where there is one, and the limit.

use crate::diag::{Diagnostic, Location};
use crate::error::Error;
use globset::{Glob, GlobMatcher};
use std::io::Read;
use std::path::Path;

const MIB: u64 = 1 << 20;

/// Text inputs (CSV, YAML, JSON, XML, project and overrides files, templates, data files).
pub const TEXT_FILE_MAX: u64 = 64 * MIB;
/// Spreadsheets (XLSX, XLS, XLSB, ODS) as stored.
pub const SPREADSHEET_FILE_MAX: u64 = 128 * MIB;
/// A spreadsheet package: every part decompressed, together.
pub const UNZIPPED_TOTAL_MAX: u64 = 256 * MIB;
/// A spreadsheet package: any one part decompressed (a sheet, the shared strings).
pub const UNZIPPED_PART_MAX: u64 = 64 * MIB;
/// A spreadsheet package: number of parts.
pub const ZIP_ENTRIES_MAX: usize = 10_000;
/// Rows and columns a cell reference may reach (Excel's own limits).
pub const SHEET_ROWS_MAX: u32 = 1_048_576;
pub const SHEET_COLUMNS_MAX: u32 = 16_384;
/// Cells of the rectangle between a sheet's first and last used cell.
pub const SHEET_CELLS_MAX: u64 = 5_000_000;
/// Element nesting in XML, and bracket nesting in YAML flow collections.
pub const NESTING_MAX: usize = 100;
/// Text a YAML document may produce once its aliases are expanded.
pub const YAML_EXPANDED_MAX: u64 = 64 * MIB;
/// Text one prose field may grow to by parameter insertion.
pub const PROSE_EXPANDED_MAX: usize = 256 * 1024;
/// A control-id glob (overrides `control:`, profile `matching` patterns).
pub const GLOB_CHARS_MAX: usize = 1_000;
/// Overrides whose control is a glob, per file: each is tried on every control.
pub const GLOB_OVERRIDES_MAX: usize = 1_000;
/// Template partials including partials.
pub const TEMPLATE_DEPTH_MAX: usize = 32;
/// An id or a name: a service's id, name, provider, product, model, owner, environment or
/// classification; a control's id or family. Real ones are far shorter (an ARN, the longest
/// identifier an inventory holds, is at most 2,048 characters); each is repeated in every row,
/// cell and page it belongs to, so one of megabytes would make every artifact megabytes.
pub const NAME_CHARS_MAX: usize = 2_048;
/// Any other field read into a row (a control's title, a service's notes or evidence): Excel's
/// limit for one cell, so whatever a spreadsheet can hold is read.
pub const FIELD_CHARS_MAX: usize = 32_767;
/// A matrix.json text (a matrix@2 statement or rationale piece) filled in with the longest
/// service name: four times the longest field (a statement can quote a justification), 90 times
/// the longest a report writes today. Each `diff` cell compares and may list two statements.
pub const STATEMENT_CHARS_MAX: usize = 4 * FIELD_CHARS_MAX;

/// The error for a field longer than `max` characters (`what`: "service name"), placed by `at`.
/// The byte length is looked at first (a field that short in bytes is short in characters), and
/// the place and label are built only for a field that is too long: this runs on every cell.
pub fn field_length(
    text: &str,
    max: usize,
    what: impl std::fmt::Display,
    at: impl FnOnce() -> Location,
) -> Result<(), Error> {
    if text.len() <= max {
        return Ok(());
    }
    let n = text.chars().count();
    if n <= max {
        return Ok(());
    }
    let start: String = text.chars().take(40).map(|c| if c.is_control() { ' ' } else { c }).collect();
    let message = format!("{what} of {n} characters (\"{start}…\"): respmatrix reads at most {max} characters there");
    Err(exceeded(at(), message))
}

/// "64 MiB", "1,000,000".
pub fn bytes(n: u64) -> String {
    match n {
        n if n >= MIB && n % MIB == 0 => format!("{} MiB", n / MIB),
        n if n >= 1024 && n % 1024 == 0 => format!("{} KiB", n / 1024),
        n => format!("{n} bytes"),
    }
}

/// An `Unreadable` error for a limit hit.
pub fn exceeded(at: Location, what: impl Into<String>) -> Error {
    Error::unreadable(Diagnostic::error(at, what.into()))
}

/// The limit on a sheet's used rectangle, hit at `at` (the cell that stretched it too far).
pub fn sheet_span(at: Location) -> Error {
    exceeded(
        at,
        format!(
            "the sheet's used cells span more than {SHEET_CELLS_MAX} cells (rows × columns from the first to the last \
             used cell); respmatrix reads at most that, within {SHEET_ROWS_MAX} rows and {SHEET_COLUMNS_MAX} columns"
        ),
    )
}

/// Reads a whole input file, refusing one larger than `max` (checked before and while reading,
/// so a growing file or a device cannot exceed it either).
pub fn read_file(path: &Path, max: u64) -> Result<Vec<u8>, Error> {
    let name = path.display().to_string();
    let too_big =
        || exceeded(Location::file(&name), format!("the file is larger than respmatrix reads ({})", bytes(max)));
    let (file, pipe) = open_input(path)?;
    let len = file.metadata().map_err(|e| Error::io(path, e))?.len();
    if len > max {
        return Err(too_big());
    }
    let mut out = Vec::with_capacity(len as usize);
    file.take(max + 1).read_to_end(&mut out).map_err(|e| Error::io(path, e))?;
    if out.len() as u64 > max {
        return Err(too_big());
    }
    if pipe && out.is_empty() {
        let what = "a named pipe (FIFO) that nothing was written to; give a file (or write into the pipe first)";
        return Err(exceeded(Location::file(&name), what));
    }
    Ok(out)
}

/// Opens an input to read, and whether it is a pipe. A folder is refused by name (a device
/// reads within the size limit like any file: `/dev/null` as an empty input).
/// A named pipe (FIFO) is opened without waiting for a writer, so one that nobody writes to
/// reads as empty instead of hanging the run; a pipe that has a writer (`<(command)`) reads
/// as usual.
pub fn open_input(path: &Path) -> Result<(std::fs::File, bool), Error> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(&mut options, libc::O_NONBLOCK);
    let file = options.open(path).map_err(|e| Error::io(path, e))?;
    let kind = file.metadata().map_err(|e| Error::io(path, e))?.file_type();
    let refuse = |what: &str| exceeded(Location::file(path.display().to_string()), what);
    if kind.is_dir() {
        return Err(refuse("is a folder, not a file"));
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            blocking(&file).map_err(|e| Error::io(path, e))?;
            return Ok((file, true));
        }
    }
    Ok((file, false))
}

/// Clears `O_NONBLOCK` again, so reading a pipe waits for its writer's data.
#[cfg(unix)]
fn blocking(file: &std::fs::File) -> std::io::Result<()> {
    use std::os::fd::AsRawFd;
    let fd = file.as_raw_fd();
    // SAFETY: fcntl on a descriptor this function's caller owns, with integer arguments only.
    let flags = unsafe { libc::fcntl(fd, libc::F_GETFL) };
    if flags < 0 || unsafe { libc::fcntl(fd, libc::F_SETFL, flags & !libc::O_NONBLOCK) } < 0 {
        return Err(std::io::Error::last_os_error());
    }
    Ok(())
}

/// Reads a file of a user folder (`--templates`, `--data`) as text: a link that leads outside
/// the folder is refused, not followed.
pub fn read_inside(dir: &Path, path: &Path) -> Result<String, Error> {
    let name = path.display().to_string();
    let root = std::fs::canonicalize(dir).map_err(|e| Error::io(dir, e))?;
    let real = std::fs::canonicalize(path).map_err(|e| Error::io(path, e))?;
    if !real.starts_with(&root) {
        return Err(exceeded(
            Location::file(&name),
            format!("a link that leads outside {}; respmatrix does not follow it", dir.display()),
        ));
    }
    let bytes = read_file(&real, TEXT_FILE_MAX)?;
    super::text::decode(&name, &bytes)
}

/// Whether a file's extension or first bytes say it is a spreadsheet.
pub fn is_spreadsheet(path: &Path) -> bool {
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    matches!(ext.as_str(), "xlsx" | "xlsm" | "xls" | "xlsb" | "ods")
}

/// Reads an input that may be a spreadsheet: the spreadsheet limit for those (by extension or
/// by their zip/OLE signature), the text limit for everything else.
pub fn read_input(path: &Path) -> Result<Vec<u8>, Error> {
    let data = read_file(path, SPREADSHEET_FILE_MAX)?;
    let binary = data.starts_with(b"PK\x03\x04") || data.starts_with(b"\xD0\xCF\x11\xE0");
    if !is_spreadsheet(path) && !binary && data.len() as u64 > TEXT_FILE_MAX {
        return Err(exceeded(
            Location::file(path.display().to_string()),
            format!("the file is larger than respmatrix reads as text ({})", bytes(TEXT_FILE_MAX)),
        ));
    }
    Ok(data)
}

/// Compiles a glob without letting globset panic (it does on patterns whose regex is too
/// large) and without quoting the regex: the same regex is first built here with globset's own
/// settings, so `compile_matcher` cannot fail after it.
pub fn glob_matcher(pattern: &str) -> Result<GlobMatcher, String> {
    if pattern.chars().count() > GLOB_CHARS_MAX {
        return Err(format!("the pattern is longer than {GLOB_CHARS_MAX} characters"));
    }
    let glob = Glob::new(pattern).map_err(|e| {
        let kind = e.kind().to_string();
        crate::diag::excerpt(&kind, 120)
    })?;
    let syntax = regex_automata::util::syntax::Config::new().utf8(false).dot_matches_new_line(true);
    let config = regex_automata::meta::Regex::config()
        .utf8_empty(false)
        .nfa_size_limit(Some(10 * (1 << 20)))
        .hybrid_cache_capacity(10 * (1 << 20));
    regex_automata::meta::Regex::builder()
        .syntax(syntax)
        .configure(config)
        .build(glob.regex())
        .map_err(|_| "the pattern is too complex to match".to_string())?;
    Ok(glob.compile_matcher())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs_are_bounded_and_never_panic() {
        assert!(glob_matcher("AC-*").unwrap().is_match("AC-2"));
        let long = "a".repeat(GLOB_CHARS_MAX + 1);
        assert!(glob_matcher(&long).unwrap_err().contains("longer than 1000"));
        let heavy = "[^a]{x,y}".repeat(110);
        if let Err(e) = glob_matcher(&heavy[..990]) {
            assert!(!e.contains("(?"), "the regex is quoted: {e}");
        }
        assert!(glob_matcher("[").is_err());
    }

    #[test]
    fn files_over_the_limit_are_refused_by_name() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("big.yaml");
        std::fs::write(&p, vec![b'a'; 2048]).unwrap();
        let err = read_file(&p, 1024).unwrap_err().to_string();
        assert!(err.contains("big.yaml") && err.contains("1 KiB"), "{err}");
        assert_eq!(read_file(&p, 4096).unwrap().len(), 2048);
    }
}
