//! The binary's allocator: mimalloc, and a way to give freed memory back between renderers.
//!
//! Measured at 1,295 controls × 490 services (`report`, /usr/bin/time, 2 cores), when the
//! renderers ran in fixed lanes: glibc's malloc 2.1 s user time and 197 MB peak; mimalloc
//! 1.55 s and 160–215 MB, since it keeps freed pages for a while; mimalloc collecting after
//! each renderer 1.2 s and 122–126 MB. With today's queue of two workers: 136–144 MB.

/// Off with `--features system-alloc`, so heap profilers that hook malloc (heaptrack, massif)
/// see every allocation.
#[cfg(not(feature = "system-alloc"))]
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's `mi_option_arena_eager_commit` (v2's option list: 4).
#[cfg(all(not(feature = "system-alloc"), target_os = "linux"))]
const ARENA_EAGER_COMMIT: libmimalloc_sys::mi_option_t = 4;

/// Turns off mimalloc's eager commit of its arenas before the first allocation (so the first
/// arena is reserved with it off too). Committed eagerly, as on Linux by default, an arena's
/// freed pages are only reset, not decommitted, and stay in the process's resident memory until
/// the kernel needs them. Measured at 1,295 controls × 500 services (`report`, all five
/// artifacts, 2 cores): 154–162 MB peak with it on, 128 MB with it off, in the same time.
#[cfg(all(not(feature = "system-alloc"), target_os = "linux"))]
#[used]
#[link_section = ".init_array"]
static CONFIGURE: extern "C" fn() = configure;

#[cfg(all(not(feature = "system-alloc"), target_os = "linux"))]
extern "C" fn configure() {
    // SAFETY: `mi_option_set` only stores the value; nothing is allocated yet.
    unsafe { libmimalloc_sys::mi_option_set(ARENA_EAGER_COMMIT, 0) }
}

/// Returns the memory the calling thread has freed to the operating system, so one renderer's
/// working memory is gone before the next one on the same thread starts.
pub fn release() {
    #[cfg(not(feature = "system-alloc"))]
    // SAFETY: `mi_collect` takes no pointers and may be called from any thread at any time.
    unsafe {
        libmimalloc_sys::mi_collect(true)
    }
}
