//! `PYRS_BUILD_TRACE=1`: which calls missed the compiled fast path, with their argument types, so a
//! user learns which stub (or `@overload`) to add. Each distinct (function, argument types, reason)
//! is logged to `sys.stderr` the first time it happens; at interpreter exit a summary counts them.
//! The variable is read once; the fast path never looks at it.

use pyo3::prelude::*;
use pyo3::types::{PyCFunction, PyDict, PyTuple};
use std::sync::{Mutex, OnceLock};

static ENABLED: OnceLock<bool> = OnceLock::new();

/// (function, argument types, reason) -> calls, in the order first seen.
static MISSES: Mutex<Vec<(String, String, String, u64)>> = Mutex::new(Vec::new());

pub fn enabled() -> bool {
    *ENABLED.get_or_init(|| std::env::var("PYRS_BUILD_TRACE").is_ok_and(|v| !v.is_empty() && v != "0"))
}

/// Count one call of `original` with `args`/`kwargs` that runs the Python original because of `reason`.
pub fn record(
    original: &Bound<'_, PyAny>,
    args: &Bound<'_, PyTuple>,
    kwargs: Option<&Bound<'_, PyDict>>,
    reason: &str,
) -> PyResult<()> {
    let py = args.py();
    let function = qualified_name(original)?;
    let types = argument_types(args, kwargs)?;
    // the lock is released before calling into Python (which may run other threads)
    let (count, first_ever) = {
        let mut misses = MISSES.lock().unwrap_or_else(|e| e.into_inner());
        match misses.iter_mut().find(|m| m.0 == function && m.1 == types && m.2 == reason) {
            Some(entry) => {
                entry.3 += 1;
                (entry.3, false)
            }
            None => {
                misses.push((function.clone(), types.clone(), reason.to_string(), 1));
                (1, misses.len() == 1)
            }
        }
    };
    if first_ever {
        register_summary(py)?;
    }
    if count == 1 {
        write_stderr(py, &format!("pyrs-build trace: {function}({types}) ran the Python original: {reason}\n"))?;
    }
    Ok(())
}

fn qualified_name(original: &Bound<'_, PyAny>) -> PyResult<String> {
    let module: String = original.getattr("__module__")?.extract().unwrap_or_default();
    let name: String = original.getattr("__qualname__")?.extract()?;
    Ok(if module.is_empty() { name } else { format!("{module}.{name}") })
}

fn argument_types(args: &Bound<'_, PyTuple>, kwargs: Option<&Bound<'_, PyDict>>) -> PyResult<String> {
    let mut parts: Vec<String> = args.iter().map(|a| crate::boundary::describe(&a)).collect();
    if let Some(kwargs) = kwargs {
        for (key, value) in kwargs.iter() {
            parts.push(format!("{}={}", key.str()?, crate::boundary::describe(&value)));
        }
    }
    Ok(parts.join(", "))
}

fn write_stderr(py: Python<'_>, text: &str) -> PyResult<()> {
    py.import("sys")?.getattr("stderr")?.call_method1("write", (text,))?;
    Ok(())
}

fn register_summary(py: Python<'_>) -> PyResult<()> {
    let summary = PyCFunction::new_closure(py, None, None, |args, _kwargs| -> PyResult<()> {
        write_stderr(args.py(), &summary_text())
    })?;
    py.import("atexit")?.call_method1("register", (summary,))?;
    Ok(())
}

fn summary_text() -> String {
    let misses = MISSES.lock().unwrap_or_else(|e| e.into_inner());
    let mut sorted: Vec<_> = misses.iter().collect();
    sorted.sort_by(|a, b| b.3.cmp(&a.3));
    let total: u64 = sorted.iter().map(|m| m.3).sum();
    let mut text = format!("pyrs-build trace: {total} call(s) ran the Python original instead of compiled code:\n");
    for (function, types, reason, count) in sorted {
        text.push_str(&format!("{count:>10}  {function}({types})  {reason}\n"));
    }
    text
}
