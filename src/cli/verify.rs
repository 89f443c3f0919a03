//! `respmatrix verify PACKAGE`: checks a bag folder or zip (every checksum, the Payload-Oxum,
//! missing, extra and altered files) and prints the plain commands an assessor can run instead.
//! Exit 0 valid, 1 a mismatch, 2 unreadable (not a bag, not a zip, not there).

use clap::Args;
use respmatrix::error::{Error, Result};
use respmatrix::package::index::VERIFY_COMMANDS;
use respmatrix::package::sign;
use respmatrix::package::verify::{signature, verify, BagSource, Outcome, Problem};
use respmatrix::package::zip::{ZipSource, ENTRIES_MAX};
use std::fmt::Write;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Args)]
pub struct VerifyArgs {
    /// The bag: a folder holding bagit.txt, or a zip written by `package --zip`.
    #[arg(value_name = "PACKAGE")]
    pub package: PathBuf,
    /// Also check the signature (tagmanifest-sha256.txt.sig) with this Ed25519 public key (PEM).
    #[arg(long, value_name = "PUB.pem")]
    pub pubkey: Option<PathBuf>,
}

const DEPTH_MAX: usize = 64;

pub fn run(args: &VerifyArgs) -> Result<ExitCode> {
    let path = &args.package;
    let meta = std::fs::metadata(path).map_err(|e| Error::io(path, e))?;
    let shown = path.display().to_string();
    let unreadable = |why: String| Error::Usage(format!("{shown}: {why}"));
    let key = match &args.pubkey {
        Some(p) => {
            let bytes = respmatrix::ingest::limits::read_file(p, 64 * 1024)?;
            let text = String::from_utf8_lossy(&bytes).into_owned();
            Some(sign::verifying_key(&text).map_err(|why| Error::Usage(format!("{}: {why}", p.display())))?)
        }
        None => None,
    };
    let check = |src: &mut dyn BagSource| -> std::result::Result<Outcome, String> {
        let mut o = verify(src)?;
        if let Some(k) = &key {
            o.problems.extend(signature(src, k));
        }
        Ok(o)
    };
    let (outcome, top) = if meta.is_dir() {
        let mut src = Folder::open(path)?;
        (check(&mut src).map_err(unreadable)?, None)
    } else {
        let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
        let mut src = ZipSource::open(std::io::BufReader::new(file)).map_err(unreadable)?;
        (check(&mut src).map_err(unreadable)?, Some(src.top().to_string()))
    };
    let mut text = report(&shown, top.as_deref(), &outcome);
    if let Some(k) = key.as_ref().filter(|_| outcome.problems.iter().all(|p| !matches!(p, Problem::Signature { .. }))) {
        let _ = writeln!(text, "signature: valid, Ed25519 key {}", sign::fingerprint(k));
    }
    // `verify … | head` is no error (and no panic): the verdict is the exit code.
    super::print_bytes(text.as_bytes())?;
    Ok(if outcome.valid() { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

/// The problems, the verdict and the commands; `zip_top` is the folder a zip holds the bag in.
fn report(shown: &str, zip_top: Option<&str>, o: &Outcome) -> String {
    let mut s = String::new();
    for p in &o.problems {
        let _ = writeln!(s, "{p}");
    }
    let checked = o.checked.join(", ");
    let _ = match o.valid() {
        true => writeln!(
            s,
            "valid: {shown}: {} payload files, {} bytes; {checked} and Payload-Oxum match",
            o.payload_files, o.payload_bytes
        ),
        false => writeln!(s, "INVALID: {shown}: {} problems (checked {checked})", o.problems.len()),
    };
    for skipped in &o.skipped {
        let _ = writeln!(s, "note: {skipped} not checked (respmatrix computes sha256 and sha512)");
    }
    s.push_str("\nTo check it without respmatrix:\n");
    let _ = match zip_top {
        None => writeln!(s, "  cd {shown}"),
        Some("") => writeln!(s, "  mkdir bag && unzip -d bag {shown} && cd bag"),
        Some(top) => writeln!(s, "  unzip {shown} && cd {top}"),
    };
    for c in VERIFY_COMMANDS {
        let _ = writeln!(s, "  {c}");
    }
    if o.signed {
        let _ = writeln!(s, "  {}    # the signature, with the signer's public key", sign::OPENSSL_VERIFY);
    }
    s
}

/// A bag folder, walked without following links.
struct Folder {
    root: PathBuf,
    files: Vec<String>,
    refused: Vec<(String, String)>,
}

impl Folder {
    fn open(root: &Path) -> Result<Folder> {
        let mut f = Folder { root: root.to_path_buf(), files: Vec::new(), refused: Vec::new() };
        f.walk(root, "", 0)?;
        f.files.sort();
        Ok(f)
    }

    fn walk(&mut self, dir: &Path, prefix: &str, depth: usize) -> Result<()> {
        if depth > DEPTH_MAX {
            self.refused.push((prefix.to_string(), format!("folders nest deeper than {DEPTH_MAX}")));
            return Ok(());
        }
        for entry in std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))? {
            let entry = entry.map_err(|e| Error::io(dir, e))?;
            let Some(name) = entry.file_name().to_str().map(str::to_string) else {
                let lossy = format!("{prefix}{}", entry.file_name().to_string_lossy());
                self.refused.push((lossy, "a name that is not UTF-8".into()));
                continue;
            };
            let rel = format!("{prefix}{name}");
            let meta = std::fs::symlink_metadata(entry.path()).map_err(|e| Error::io(entry.path(), e))?;
            if meta.file_type().is_symlink() {
                self.refused.push((rel, "a symbolic link; not followed".into()));
            } else if meta.is_dir() {
                self.walk(&entry.path(), &format!("{rel}/"), depth + 1)?;
            } else if meta.is_file() {
                self.files.push(rel);
            } else {
                self.refused.push((rel, "not a regular file".into()));
            }
            if self.files.len() > ENTRIES_MAX {
                return Err(Error::Usage(format!(
                    "{}: more than {ENTRIES_MAX} files; respmatrix checks at most that",
                    self.root.display()
                )));
            }
        }
        Ok(())
    }
}

impl BagSource for Folder {
    fn files(&self) -> Vec<String> {
        self.files.clone()
    }
    fn refused(&self) -> Vec<(String, String)> {
        self.refused.clone()
    }
    fn open(&mut self, path: &str) -> std::io::Result<Box<dyn Read + '_>> {
        if self.files.binary_search_by(|p| p.as_str().cmp(path)).is_err() {
            return Err(std::io::Error::from(std::io::ErrorKind::NotFound));
        }
        let full = self.root.join(path);
        // Checked again at open: a link swapped in after the walk is not followed either.
        if std::fs::symlink_metadata(&full)?.file_type().is_symlink() {
            return Err(std::io::Error::other("a symbolic link; not followed"));
        }
        Ok(Box::new(std::io::BufReader::new(std::fs::File::open(full)?)))
    }
}
