//! Calls from compiled code to functions of the same module that stay Python
//! (on-unsupported = "python"). As in Python, the function is looked up in the module's namespace
//! at call time (so a monkeypatched function is the one called), the arguments are the objects
//! Python would pass (`int`, `float`, `bool`), and its exceptions propagate unchanged. Its result
//! must be of the annotated return type, which the compiled caller goes on computing with: any
//! other type raises TypeError (never a silently different result).

use crate::errors::deopt;
use pyo3::exceptions::{PyNameError, PyRuntimeError, PyTypeError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyModule, PyTuple};

/// The namespace (`__dict__`) of the compiled module, set at module initialisation.
pub struct Namespace(PyOnceLock<Py<PyDict>>);

impl Namespace {
    pub const fn new() -> Self {
        Namespace(PyOnceLock::new())
    }

    pub fn set(&self, module: &Bound<'_, PyModule>) {
        let _ = self.0.set(module.py(), module.dict().unbind());
    }
}

impl Default for Namespace {
    fn default() -> Self {
        Self::new()
    }
}

/// A Rust value the result of a Python call converts to: only from exactly the annotated type.
pub trait FromPython: Sized {
    const PYTHON_TYPE: &'static str;
    fn exact(value: &Bound<'_, PyAny>) -> PyResult<Option<Self>>;
}

impl FromPython for f64 {
    const PYTHON_TYPE: &'static str = "float";
    fn exact(value: &Bound<'_, PyAny>) -> PyResult<Option<Self>> {
        Ok(if value.is_exact_instance_of::<PyFloat>() { Some(value.extract()?) } else { None })
    }
}

impl FromPython for i64 {
    const PYTHON_TYPE: &'static str = "int";
    fn exact(value: &Bound<'_, PyAny>) -> PyResult<Option<Self>> {
        if !value.is_exact_instance_of::<PyInt>() {
            return Ok(None);
        }
        // an int beyond 64 bits: the whole call is answered by the original Python function
        value.extract::<i64>().map(Some).map_err(|_| deopt())
    }
}

impl FromPython for bool {
    const PYTHON_TYPE: &'static str = "bool";
    fn exact(value: &Bound<'_, PyAny>) -> PyResult<Option<Self>> {
        Ok(if value.is_exact_instance_of::<PyBool>() { Some(value.is_truthy()?) } else { None })
    }
}

impl FromPython for () {
    const PYTHON_TYPE: &'static str = "None";
    fn exact(value: &Bound<'_, PyAny>) -> PyResult<Option<Self>> {
        Ok(if value.is_none() { Some(()) } else { None })
    }
}

/// Call `name` from the module namespace with the arguments `args` makes (the last
/// `keywords.len()` of them passed by keyword), holding the GIL only for the call.
pub fn call_python<T: FromPython>(
    namespace: &Namespace,
    name: &str,
    keywords: &[&str],
    args: impl FnOnce(Python<'_>) -> PyResult<Vec<Py<PyAny>>>,
) -> PyResult<T> {
    Python::attach(|py| {
        let dict = namespace
            .0
            .get(py)
            .ok_or_else(|| PyRuntimeError::new_err("pyrs-build: module not initialised"))?;
        let function = dict
            .bind(py)
            .get_item(name)?
            .ok_or_else(|| PyNameError::new_err(format!("name '{name}' is not defined")))?;
        let mut positional = args(py)?;
        let by_keyword = positional.split_off(positional.len() - keywords.len());
        let kwargs = PyDict::new(py);
        for (keyword, value) in keywords.iter().zip(by_keyword) {
            kwargs.set_item(keyword, value)?;
        }
        let kwargs = if keywords.is_empty() { None } else { Some(&kwargs) };
        let result = function.call(PyTuple::new(py, positional)?, kwargs)?;
        T::exact(&result)?.ok_or_else(|| {
            let got = result.get_type().name().map(|n| n.to_string()).unwrap_or_else(|_| "object".into());
            PyTypeError::new_err(format!(
                "{name}() returned {got}, but it is annotated to return {} and compiled code calls it",
                T::PYTHON_TYPE
            ))
        })
    })
}
