//! Where Python calls compiled code: binding arguments like CPython, checking their types, running
//! the original Python function when they do not match (or when the compiled code deopts), and
//! converting results back to the objects Python would have returned.

use crate::errors::is_deopt;
use ndarray::{Array, Dimension};
use numpy::{PyArrayDyn, PyArrayMethods, PyReadonlyArrayDyn, PyUntypedArrayMethods};
use pyo3::exceptions::{PyRuntimeError, PyTypeError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyTuple, PyType};

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum ParamKind {
    PositionalOnly,
    Normal,
    KeywordOnly,
}

pub struct Param {
    pub name: &'static str,
    pub kind: ParamKind,
}

/// What to do when an argument's type is not the compiled one.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum OnMismatch {
    CallPython,
    RaiseTypeError,
}

/// The original Python functions of one compiled module, by name.
pub struct Originals(PyOnceLock<Py<PyDict>>);

impl Originals {
    pub const fn new() -> Self {
        Originals(PyOnceLock::new())
    }

    pub fn get<'py>(&self, py: Python<'py>, name: &str) -> PyResult<Bound<'py, PyAny>> {
        let dict = self
            .0
            .get(py)
            .ok_or_else(|| PyRuntimeError::new_err("pyrs-build: module not initialised"))?;
        dict.bind(py)
            .get_item(name)?
            .ok_or_else(|| PyRuntimeError::new_err(format!("pyrs-build: no original for {name}")))
    }
}

impl Default for Originals {
    fn default() -> Self {
        Self::new()
    }
}

/// Module initialisation: run the original source in the module's namespace (so constants,
/// classes and every other top-level name exist as in Python), keep the original functions for
/// fallback, then the caller installs the compiled functions over them.
pub fn exec_original(
    module: &Bound<'_, PyModule>,
    source: &str,
    file_name: &str,
    compiled: &[&str],
    originals: &Originals,
) -> PyResult<()> {
    let py = module.py();
    crate::math::SUBNORMALS_RESCALED.store(py.version_info() >= (3, 12), std::sync::atomic::Ordering::Relaxed);
    crate::errors::set_python_version(py);
    let namespace = module.dict();
    let os_path = py.import("os.path")?;
    let here = namespace.get_item("__file__")?;
    let path = match here {
        Some(file) => os_path.call_method1("join", (os_path.call_method1("dirname", (file,))?, file_name))?,
        None => pyo3::types::PyString::new(py, file_name).into_any(),
    };
    let builtins = py.import("builtins")?;
    let code = builtins.getattr("compile")?.call1((source, &path, "exec"))?;
    builtins.getattr("exec")?.call1((code, &namespace))?;
    let kept = PyDict::new(py);
    for name in compiled {
        if let Some(function) = namespace.get_item(name)? {
            kept.set_item(name, function)?;
        }
    }
    let info = PyDict::new(py);
    info.set_item("compiled", PyTuple::new(py, compiled)?)?;
    info.set_item("originals", &kept)?;
    info.set_item("source", path)?;
    namespace.set_item("__pyrs_build__", info)?;
    let _ = originals.0.set(py, kept.unbind());
    Ok(())
}

/// Bind `args`/`kwargs` to `params` the way CPython does for the common cases, filling defaults
/// from the original function (`original` is called only then). `None` means "anything unusual":
/// the caller then runs the original, which raises exactly CPython's error (missing or unexpected
/// argument, ...).
pub fn bind<'py, const N: usize>(
    original: impl FnOnce() -> PyResult<Bound<'py, PyAny>>,
    params: &[Param; N],
    args: &Bound<'py, PyTuple>,
    kwargs: Option<&Bound<'py, PyDict>>,
) -> PyResult<Option<[Bound<'py, PyAny>; N]>> {
    let mut slots: [Option<Bound<'py, PyAny>>; N] = std::array::from_fn(|_| None);
    let positional = params.iter().filter(|p| p.kind != ParamKind::KeywordOnly).count();
    if args.len() > positional {
        return Ok(None);
    }
    for (slot, value) in slots.iter_mut().zip(args.iter()) {
        *slot = Some(value);
    }
    if let Some(kwargs) = kwargs {
        for (key, value) in kwargs.iter() {
            let key: String = key.extract()?;
            let Some(index) = params
                .iter()
                .position(|p| p.name == key && p.kind != ParamKind::PositionalOnly)
            else {
                return Ok(None);
            };
            if slots[index].is_some() {
                return Ok(None);
            }
            slots[index] = Some(value);
        }
    }
    // the original (a dict lookup) is only needed for defaults
    if slots.iter().any(Option::is_none) && !fill_defaults(&original()?, params, &mut slots)? {
        return Ok(None);
    }
    let bound: Vec<Bound<'py, PyAny>> = slots.into_iter().flatten().collect();
    Ok(bound.try_into().ok())
}

fn fill_defaults<'py>(
    original: &Bound<'py, PyAny>,
    params: &[Param],
    slots: &mut [Option<Bound<'py, PyAny>>],
) -> PyResult<bool> {
    let defaults = original.getattr("__defaults__")?;
    let kwdefaults = original.getattr("__kwdefaults__")?;
    let positional: Vec<usize> = (0..params.len())
        .filter(|&i| params[i].kind != ParamKind::KeywordOnly)
        .collect();
    if let Ok(defaults) = defaults.cast::<PyTuple>() {
        let first = positional.len().saturating_sub(defaults.len());
        for (offset, &index) in positional[first..].iter().enumerate() {
            if slots[index].is_none() {
                slots[index] = Some(defaults.get_item(offset)?);
            }
        }
    }
    if let Ok(kwdefaults) = kwdefaults.cast::<PyDict>() {
        for (index, param) in params.iter().enumerate() {
            if slots[index].is_none() && param.kind == ParamKind::KeywordOnly {
                slots[index] = kwdefaults.get_item(param.name)?;
            }
        }
    }
    Ok(slots.iter().all(Option::is_some))
}

/// A call that leaves the compiled fast path: mismatched argument types or a deopt.
pub struct Fallback<'a, 'py> {
    pub originals: &'static Originals,
    pub function: &'static str,
    pub args: &'a Bound<'py, PyTuple>,
    pub kwargs: Option<&'a Bound<'py, PyDict>>,
    pub on_mismatch: OnMismatch,
}

impl<'py> Fallback<'_, 'py> {
    /// A call the wrapper does not bind (missing or unexpected arguments, ...): the original raises
    /// or handles it exactly as CPython does.
    pub fn call_python(&self) -> PyResult<Py<PyAny>> {
        self.run_original("arguments the compiled function does not bind")
    }

    fn run_original(&self, reason: &str) -> PyResult<Py<PyAny>> {
        let py = self.args.py();
        let original = self.originals.get(py, self.function)?;
        if crate::trace::enabled() {
            crate::trace::record(&original, self.args, self.kwargs, reason)?;
        }
        Ok(original.call(self.args, self.kwargs)?.unbind())
    }

    /// Argument `name` is not of the compiled type `expected`. A Python int beyond 64 bits is of
    /// the right type, just not representable here: it always runs the original.
    pub fn mismatch(&self, name: &str, expected: &str, got: &Bound<'py, PyAny>) -> PyResult<Py<PyAny>> {
        self.mismatch_any(&[(name, expected, got)])
    }

    /// No compiled signature matches: `misses` holds, for each signature in order, the first
    /// argument that did not match it. The TypeError names that argument and the expected types.
    pub fn mismatch_any(&self, misses: &[(&str, &str, &Bound<'py, PyAny>)]) -> PyResult<Py<PyAny>> {
        let unrepresentable = misses
            .iter()
            .any(|(_, expected, got)| *expected == "int" && got.is_exact_instance_of::<PyInt>());
        // one clause per argument that some signature rejected, in signature order
        let why = || {
            let mut clauses: Vec<(&str, Vec<&str>, &Bound<'py, PyAny>)> = Vec::new();
            for (name, expected, got) in misses {
                match clauses.iter_mut().find(|c| c.0 == *name) {
                    Some(clause) if !clause.1.contains(expected) => clause.1.push(expected),
                    Some(_) => {}
                    None => clauses.push((name, vec![expected], got)),
                }
            }
            let described: Vec<String> = clauses
                .iter()
                .map(|(name, expected, got)| {
                    // an exact int refused where int is expected does not fit in 64 bits
                    let big = expected.contains(&"int") && got.is_exact_instance_of::<PyInt>();
                    let got = if big { "int beyond 64 bits".to_string() } else { describe(got) };
                    format!("argument '{name}': expected {}, got {got}", expected.join(" or "))
                })
                .collect();
            described.join("; ")
        };
        match self.on_mismatch {
            OnMismatch::CallPython => self.run_original(&why()),
            _ if unrepresentable => self.run_original("an int beyond 64 bits"),
            OnMismatch::RaiseTypeError => Err(PyTypeError::new_err(format!("{}() {}", self.function, why()))),
        }
    }

    /// An array argument that could not be borrowed: if it is of the compiled type, it was only
    /// read-only or passed twice (borrowed by another argument), which Python allows (the original
    /// raises NumPy's "read-only" ValueError itself, or runs with the aliasing): it runs the original
    /// in every on-type-mismatch mode. Other values are a type mismatch.
    pub fn array_mismatch<T: numpy::Element>(
        &self,
        name: &str,
        expected: &str,
        got: &Bound<'py, PyAny>,
        ndim: Option<usize>,
    ) -> PyResult<Py<PyAny>> {
        if typed_array::<T>(got, ndim)?.is_some() {
            return self.run_original("a read-only array, or one passed twice");
        }
        self.mismatch(name, expected, got)
    }

    /// The compiled result, or the original's when the compiled code could not represent a value.
    pub fn finish(&self, result: PyResult<Py<PyAny>>) -> PyResult<Py<PyAny>> {
        match result {
            Err(err) if is_deopt(self.args.py(), &err) => {
                self.run_original("a value the compiled code cannot represent (deopt)")
            }
            Err(err) => Err(crate::errors::as_numpy_memory_error(self.args.py(), err)),
            ok => ok,
        }
    }
}

/// An argument's type as the messages name it: `float`, `list`, `ndarray[float64, 2-d]`.
pub fn describe(value: &Bound<'_, PyAny>) -> String {
    if let Ok(array) = value.cast::<numpy::PyUntypedArray>() {
        let dtype = array.dtype().to_string();
        return format!("ndarray[{dtype}, {}-d]", array.ndim());
    }
    value
        .get_type()
        .name()
        .map(|n| n.to_string())
        .unwrap_or_else(|_| "object".into())
}

// ---- argument extraction: Some only for exactly the compiled type ------------------------------

pub fn exact_float(value: &Bound<'_, PyAny>) -> Option<f64> {
    value.cast_exact::<PyFloat>().ok().map(|f| f.value())
}

/// A Python int that fits in 64 bits (bool is not an int here: `True + True` keeps bool-ness
/// observable through `is`; subclasses may override operators).
pub fn exact_int(value: &Bound<'_, PyAny>) -> Option<i64> {
    value.cast_exact::<PyInt>().ok().and_then(|i| i.extract().ok())
}

pub fn exact_bool(value: &Bound<'_, PyAny>) -> Option<bool> {
    value.cast_exact::<PyBool>().ok().map(|b| b.is_true())
}

static NDARRAY: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static FLOAT64: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static BOOL_: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static INT64: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static FLOAT32: PyOnceLock<Py<PyType>> = PyOnceLock::new();

fn numpy_type<'py>(py: Python<'py>, cell: &'static PyOnceLock<Py<PyType>>, name: &str) -> PyResult<&'py Bound<'py, PyType>> {
    cell.import(py, "numpy", name)
}

pub fn exact_np_float64(value: &Bound<'_, PyAny>) -> PyResult<Option<f64>> {
    let float64 = numpy_type(value.py(), &FLOAT64, "float64")?;
    if value.get_type().is(float64) {
        return Ok(Some(value.extract()?));
    }
    Ok(None)
}

/// A `numpy.ndarray` of element type `T` (not a subclass: masked arrays and matrices change the
/// operators), of `ndim` dimensions when given, in native byte order.
fn typed_array<'a, 'py, T: numpy::Element>(
    value: &'a Bound<'py, PyAny>,
    ndim: Option<usize>,
) -> PyResult<Option<&'a Bound<'py, PyArrayDyn<T>>>> {
    let ndarray = numpy_type(value.py(), &NDARRAY, "ndarray")?;
    if !value.get_type().is(ndarray) {
        return Ok(None);
    }
    let Ok(array) = value.cast::<PyArrayDyn<T>>() else {
        return Ok(None);
    };
    Ok(if ndim.is_some_and(|n| n != array.ndim()) { None } else { Some(array) })
}

/// A parameter the function only reads.
pub fn array<'py, T: numpy::Element>(
    value: &Bound<'py, PyAny>,
    ndim: Option<usize>,
) -> PyResult<Option<PyReadonlyArrayDyn<'py, T>>> {
    Ok(typed_array::<T>(value, ndim)?.and_then(|a| a.try_readonly().ok()))
}

/// A parameter the function writes into: a writeable array not borrowed elsewhere in this call
/// (the same array passed twice, or a read-only one, runs the original instead).
pub fn array_mut<'py, T: numpy::Element>(
    value: &Bound<'py, PyAny>,
    ndim: Option<usize>,
) -> PyResult<Option<numpy::PyReadwriteArrayDyn<'py, T>>> {
    Ok(typed_array::<T>(value, ndim)?.and_then(|a| a.try_readwrite().ok()))
}

// ---- results ----------------------------------------------------------------------------------

pub fn float_to_py(py: Python<'_>, value: f64) -> PyResult<Py<PyAny>> {
    Ok(PyFloat::new(py, value).into_any().unbind())
}

pub fn int_to_py(py: Python<'_>, value: i64) -> PyResult<Py<PyAny>> {
    Ok(value.into_pyobject(py)?.into_any().unbind())
}

pub fn bool_to_py(py: Python<'_>, value: bool) -> PyResult<Py<PyAny>> {
    Ok(PyBool::new(py, value).to_owned().into_any().unbind())
}

pub fn none_to_py(py: Python<'_>, _value: ()) -> PyResult<Py<PyAny>> {
    Ok(py.None())
}

pub fn np_float64_to_py(py: Python<'_>, value: f64) -> PyResult<Py<PyAny>> {
    Ok(numpy_type(py, &FLOAT64, "float64")?.call1((value,))?.unbind())
}

pub fn np_int64_to_py(py: Python<'_>, value: i64) -> PyResult<Py<PyAny>> {
    Ok(numpy_type(py, &INT64, "int64")?.call1((value,))?.unbind())
}

pub fn np_float32_to_py(py: Python<'_>, value: f32) -> PyResult<Py<PyAny>> {
    Ok(numpy_type(py, &FLOAT32, "float32")?.call1((value,))?.unbind())
}

pub fn np_bool_to_py(py: Python<'_>, value: bool) -> PyResult<Py<PyAny>> {
    Ok(numpy_type(py, &BOOL_, "bool_")?.call1((value,))?.unbind())
}

pub fn dyn_float_to_py(py: Python<'_>, value: crate::Float) -> PyResult<Py<PyAny>> {
    if value.numpy {
        np_float64_to_py(py, value.value)
    } else {
        float_to_py(py, value.value)
    }
}

pub fn dyn_bool_to_py(py: Python<'_>, value: crate::Bool) -> PyResult<Py<PyAny>> {
    if value.numpy {
        np_bool_to_py(py, value.value)
    } else {
        bool_to_py(py, value.value)
    }
}

pub fn array_to_py<T: numpy::Element, D: Dimension>(py: Python<'_>, value: Array<T, D>) -> PyResult<Py<PyAny>> {
    Ok(numpy::PyArray::from_owned_array(py, value).into_any().unbind())
}

/// A ufunc or arithmetic result: NumPy returns a scalar instead of a 0-d array.
pub fn ufunc_f64_to_py<D: Dimension>(py: Python<'_>, value: Array<f64, D>) -> PyResult<Py<PyAny>> {
    match value.ndim() {
        0 => np_float64_to_py(py, value.iter().copied().next().unwrap_or(f64::NAN)),
        _ => array_to_py(py, value),
    }
}

pub fn ufunc_bool_to_py<D: Dimension>(py: Python<'_>, value: Array<bool, D>) -> PyResult<Py<PyAny>> {
    match value.ndim() {
        0 => np_bool_to_py(py, value.iter().copied().next().unwrap_or(false)),
        _ => array_to_py(py, value),
    }
}

pub fn ufunc_i64_to_py<D: Dimension>(py: Python<'_>, value: Array<i64, D>) -> PyResult<Py<PyAny>> {
    match value.ndim() {
        0 => np_int64_to_py(py, value.iter().copied().next().unwrap_or(0)),
        _ => array_to_py(py, value),
    }
}

static INT32: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static UINT8: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static UINT32: PyOnceLock<Py<PyType>> = PyOnceLock::new();

macro_rules! small_int_results {
    ($($t:ty => $scalar:ident, $ufunc:ident, $cell:ident, $name:literal);+) => {$(
        /// A NumPy scalar of this integer dtype.
        pub fn $scalar(py: Python<'_>, value: $t) -> PyResult<Py<PyAny>> {
            Ok(numpy_type(py, &$cell, $name)?.call1((value,))?.unbind())
        }

        /// A ufunc result of this dtype: a NumPy scalar for 0-d.
        pub fn $ufunc<D: Dimension>(py: Python<'_>, value: Array<$t, D>) -> PyResult<Py<PyAny>> {
            match value.ndim() {
                0 => $scalar(py, value.iter().copied().next().unwrap_or(0)),
                _ => array_to_py(py, value),
            }
        }
    )+};
}

small_int_results!(
    i32 => np_int32_to_py, ufunc_i32_to_py, INT32, "int32";
    u8 => np_uint8_to_py, ufunc_u8_to_py, UINT8, "uint8";
    u32 => np_uint32_to_py, ufunc_u32_to_py, UINT32, "uint32"
);

pub fn ufunc_f32_to_py<D: Dimension>(py: Python<'_>, value: Array<f32, D>) -> PyResult<Py<PyAny>> {
    match value.ndim() {
        0 => np_float32_to_py(py, value.iter().copied().next().unwrap_or(f32::NAN)),
        _ => array_to_py(py, value),
    }
}

pub fn tuple_to_py(py: Python<'_>, items: Vec<Py<PyAny>>) -> PyResult<Py<PyAny>> {
    Ok(PyTuple::new(py, items)?.into_any().unbind())
}
