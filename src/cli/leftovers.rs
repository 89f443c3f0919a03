//! What killed runs leave behind, and the lock that keeps two runs out of one folder.
//!
//! Every temp file and staging folder is named `.respmatrix-PID-…`, so a later run removes the
//! ones whose process is gone and leaves those of a live run alone. Only names with that
//! prefix (and the `.NAME.PID.tmp` files of respmatrix 0.1's writer) are ever touched.

use super::output::PREFIX;
use respmatrix::error::{Error, Result};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// The lock file of a report folder.
pub const LOCK_FILE: &str = ".respmatrix.lock";

/// How long a run waits for another run's lock before giving up.
const LOCK_WAIT: Duration = Duration::from_secs(10);

/// Whether a process with this id is running (on other systems than Unix: assume it is).
pub fn alive(pid: u32) -> bool {
    #[cfg(unix)]
    {
        let Ok(pid) = libc::pid_t::try_from(pid) else { return false };
        // SAFETY: kill with signal 0 only checks whether the process exists.
        let r = unsafe { libc::kill(pid, 0) };
        r == 0 || std::io::Error::last_os_error().raw_os_error() != Some(libc::ESRCH)
    }
    #[cfg(not(unix))]
    {
        let _ = pid;
        true
    }
}

/// The pid in a leftover's name: `.respmatrix-PID-…` (or `.respmatrix-staging-PID-…`).
pub fn owner_pid(name: &str) -> Option<u32> {
    let rest = name.strip_prefix(PREFIX)?;
    let rest = rest.strip_prefix("staging-").unwrap_or(rest);
    rest.split('-').next()?.parse().ok()
}

/// Removes temp files of dead runs from `dir` (best effort: errors are ignored).
pub fn clean_dead_temp_files(dir: &Path) {
    for (path, name) in entries(dir) {
        let Ok(meta) = std::fs::symlink_metadata(&path) else { continue };
        let dead = owner_pid(&name).is_some_and(|pid| pid != std::process::id() && !alive(pid));
        let ours = dead && name.ends_with(".tmp") && !meta.is_dir();
        let legacy = legacy_temp(&name).is_some_and(|pid| !alive(pid)) && meta.is_file();
        if ours || legacy {
            let _ = std::fs::remove_file(&path);
        }
    }
}

/// `.matrix.json.1234.tmp`, the temp names of the old writer: the pid.
fn legacy_temp(name: &str) -> Option<u32> {
    let inner = name.strip_prefix('.')?.strip_suffix(".tmp")?;
    let (artifact, pid) = inner.rsplit_once('.')?;
    let known = respmatrix::render::artifacts::ARTIFACTS.iter().any(|(a, _)| *a == artifact)
        || artifact == respmatrix::render::artifacts::JSON_FILE;
    known.then(|| pid.parse().ok()).flatten()
}

/// The entries of a folder as (path, file name).
pub fn entries(dir: &Path) -> Vec<(PathBuf, String)> {
    let Ok(read) = std::fs::read_dir(dir) else { return Vec::new() };
    read.filter_map(|e| e.ok()).map(|e| (e.path(), e.file_name().to_string_lossy().into_owned())).collect()
}

/// A held lock on a report folder; dropping it removes the lock file.
pub struct Lock {
    path: PathBuf,
}

impl Drop for Lock {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

/// Takes `DIR/.respmatrix.lock` (created with `O_EXCL`, holding our pid). A lock left by a dead
/// process is removed; a live one is waited for briefly, then the run fails (exit 2).
pub fn lock(dir: &Path) -> Result<Lock> {
    let path = dir.join(LOCK_FILE);
    let started = Instant::now();
    loop {
        match std::fs::OpenOptions::new().write(true).create_new(true).open(&path) {
            Ok(mut f) => {
                use std::io::Write;
                f.write_all(format!("{}\n", std::process::id()).as_bytes()).map_err(|e| Error::io(&path, e))?;
                return Ok(Lock { path });
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
            Err(e) => return Err(Error::io(&path, e)),
        }
        let holder = holder(&path)?;
        match holder {
            Some(pid) if alive(pid) && pid != std::process::id() => {
                if started.elapsed() > LOCK_WAIT {
                    return Err(Error::Usage(format!(
                        "{}: another respmatrix run (pid {pid}) is writing this folder; \
                         wait for it to finish (or remove the lock file if that process is not respmatrix)",
                        path.display()
                    )));
                }
                std::thread::sleep(Duration::from_millis(100));
            }
            // A dead holder, or a lock file being written this instant (no pid yet).
            Some(_) => {
                let _ = std::fs::remove_file(&path);
            }
            None if started.elapsed() > Duration::from_secs(2) => {
                let _ = std::fs::remove_file(&path);
            }
            None => std::thread::sleep(Duration::from_millis(50)),
        }
    }
}

/// The pid in a lock file; a lock that is a link or not a file is refused.
fn holder(path: &Path) -> Result<Option<u32>> {
    let meta = match std::fs::symlink_metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(Error::io(path, e)),
    };
    if !meta.is_file() {
        return Err(Error::Usage(format!(
            "{}: the lock file is a link or not a regular file; remove it and run again",
            path.display()
        )));
    }
    let text = std::fs::read_to_string(path).unwrap_or_default();
    Ok(text.trim().parse().ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leftover_names_carry_their_pid() {
        assert_eq!(owner_pid(".respmatrix-123-abcd.tmp"), Some(123));
        assert_eq!(owner_pid(".respmatrix-staging-77-x1"), Some(77));
        assert_eq!(owner_pid("respmatrix-1.tmp"), None);
        assert_eq!(legacy_temp(".matrix.json.4242.tmp"), Some(4242));
        assert_eq!(legacy_temp(".notes.txt.4242.tmp"), None);
        assert!(alive(std::process::id()));
    }

    #[test]
    fn a_dead_runs_lock_is_taken_over() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(LOCK_FILE), "999999999\n").unwrap();
        let held = lock(dir.path()).unwrap();
        let pid = std::fs::read_to_string(dir.path().join(LOCK_FILE)).unwrap();
        assert_eq!(pid.trim(), std::process::id().to_string());
        drop(held);
        assert!(!dir.path().join(LOCK_FILE).exists());
    }
}
