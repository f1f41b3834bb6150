//! Python's recursion limit for compiled recursive functions: without it a deep recursion would run
//! past `sys.getrecursionlimit()` and, tens of thousands of calls deep, overflow the thread's stack
//! (a crash). Each compiled function that can call itself counts its depth per thread and raises
//! RecursionError beyond the limit the module read from `sys` when the call came in from Python.

use pyo3::exceptions::PyRecursionError;
use pyo3::prelude::*;
use std::cell::Cell;
use std::sync::atomic::{AtomicUsize, Ordering};

static LIMIT: AtomicUsize = AtomicUsize::new(1000);

thread_local! {
    static DEPTH: Cell<usize> = const { Cell::new(0) };
}

/// One level of compiled recursion, released when the call returns.
pub struct Depth(());

impl Drop for Depth {
    #[inline]
    fn drop(&mut self) {
        DEPTH.with(|depth| depth.set(depth.get().saturating_sub(1)));
    }
}

/// Enter one more level, or CPython's RecursionError beyond the recursion limit.
#[inline]
pub fn enter() -> PyResult<Depth> {
    DEPTH.with(|depth| {
        let next = depth.get() + 1;
        if next > LIMIT.load(Ordering::Relaxed) {
            return Err(PyRecursionError::new_err("maximum recursion depth exceeded"));
        }
        depth.set(next);
        Ok(Depth(()))
    })
}

/// Deeper than this, compiled recursion raises RecursionError even where a raised Python limit
/// would allow more: Rust frames live on the thread's stack (2 MiB for threads Python starts), and a
/// RecursionError is better than a crash.
const STACK_SAFE_DEPTH: usize = 4000;

/// Read `sys.getrecursionlimit()` (called by the wrappers of a module with recursion, GIL held).
pub fn refresh_limit(py: Python<'_>) -> PyResult<()> {
    let limit: usize = py.import("sys")?.call_method0("getrecursionlimit")?.extract()?;
    LIMIT.store(limit.min(STACK_SAFE_DEPTH), Ordering::Relaxed);
    Ok(())
}
