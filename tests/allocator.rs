//! The binary's allocator gives freed memory back to the operating system: mimalloc with its
//! arenas committed on demand (src/cli/memory.rs), which at 1,295 controls × 500 services keeps
//! the full report's peak resident memory about 30 MB lower.

mod common;
use common::*;
use std::process::Command;

#[test]
fn mimalloc_runs_with_eager_arena_commit_off() {
    // mimalloc prints its options on stderr when MIMALLOC_VERBOSE is set. The option is set by
    // its index in mimalloc's list, so this also catches an upgrade that renumbered the list.
    let o = Command::new(BIN).arg("--version").env("MIMALLOC_VERBOSE", "1").output().unwrap();
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let err = stderr(&o);
    if cfg!(feature = "system-alloc") {
        return;
    }
    assert!(err.contains("option 'arena_eager_commit': 0"), "{err}");
    assert!(err.contains("mimalloc: process init"), "mimalloc is the allocator: {err}");
}
