//! `np.dot`, `@` and `np.linalg.solve` for small float64 operands. NumPy hands these to BLAS and
//! LAPACK, whose summation order depends on the library and the CPU, so results agree to rounding
//! (the tests state the bound), not bit for bit. Shapes and errors are NumPy's.

use ndarray::{Array1, Array2, ArrayBase, Data, Ix1, Ix2};
use pyo3::exceptions::PyValueError;
use pyo3::PyResult;
use crate::arrays::can_allocate;

pyo3::import_exception!(numpy.linalg, LinAlgError);

fn matmul_mismatch(operand: usize, dim: usize, got: usize, expected: usize) -> pyo3::PyErr {
    PyValueError::new_err(format!(
        "matmul: Input operand {operand} has a mismatch in its core dimension {dim}, with gufunc signature \
         (n?,k),(k,m?)->(n?,m?) (size {got} is different from {expected})"
    ))
}

/// `a @ b` / `np.dot(a, b)` of two vectors: their inner product.
pub fn vecvec<S: Data<Elem = f64>, T: Data<Elem = f64>>(a: &ArrayBase<S, Ix1>, b: &ArrayBase<T, Ix1>, dot: bool) -> PyResult<f64> {
    if a.len() != b.len() {
        return Err(if dot { not_aligned(a.shape(), b.shape(), 0, 0) } else { matmul_mismatch(1, 0, b.len(), a.len()) });
    }
    // BLAS adds the products from the first one (so a single -0.0 product stays -0.0)
    let mut products = a.iter().zip(b.iter()).map(|(&x, &y)| x * y);
    Ok(products.next().map_or(0.0, |first| products.fold(first, |sum, p| sum + p)))
}

/// `m @ v`.
pub fn matvec<S: Data<Elem = f64>, T: Data<Elem = f64>>(m: &ArrayBase<S, Ix2>, v: &ArrayBase<T, Ix1>, dot: bool) -> PyResult<Array1<f64>> {
    if m.ncols() != v.len() {
        return Err(if dot { not_aligned(m.shape(), v.shape(), 1, 0) } else { matmul_mismatch(1, 0, v.len(), m.ncols()) });
    }
    can_allocate::<f64>(m.nrows())?;
    Ok(m.dot(v))
}

/// `v @ m`.
pub fn vecmat<S: Data<Elem = f64>, T: Data<Elem = f64>>(v: &ArrayBase<S, Ix1>, m: &ArrayBase<T, Ix2>, dot: bool) -> PyResult<Array1<f64>> {
    if m.nrows() != v.len() {
        return Err(if dot { not_aligned(v.shape(), m.shape(), 0, 0) } else { matmul_mismatch(1, 0, m.nrows(), v.len()) });
    }
    can_allocate::<f64>(m.ncols())?;
    Ok(v.dot(m))
}

/// `a @ b` of two matrices.
pub fn matmat<S: Data<Elem = f64>, T: Data<Elem = f64>>(a: &ArrayBase<S, Ix2>, b: &ArrayBase<T, Ix2>, dot: bool) -> PyResult<Array2<f64>> {
    if a.ncols() != b.nrows() {
        return Err(if dot { not_aligned(a.shape(), b.shape(), 1, 0) } else { matmul_mismatch(1, 0, b.nrows(), a.ncols()) });
    }
    can_allocate::<f64>(a.nrows().saturating_mul(b.ncols()))?;
    Ok(a.dot(b))
}

fn not_aligned(a: &[usize], b: &[usize], axis_a: usize, axis_b: usize) -> pyo3::PyErr {
    PyValueError::new_err(format!(
        "shapes {} and {} not aligned: {} (dim {axis_a}) != {} (dim {axis_b})",
        crate::broadcast::shape_text(a),
        crate::broadcast::shape_text(b),
        a[axis_a],
        b[axis_b]
    ))
}

/// `np.outer(a, b)`.
pub fn outer<S: Data<Elem = f64>, T: Data<Elem = f64>, D: ndarray::Dimension, E: ndarray::Dimension>(
    a: &ArrayBase<S, D>,
    b: &ArrayBase<T, E>,
) -> PyResult<Array2<f64>> {
    crate::arrays::element_count(&[a.len(), b.len()])?;
    can_allocate::<f64>(a.len().saturating_mul(b.len()).saturating_add(a.len()).saturating_add(b.len()))?;
    let (a, b): (Vec<f64>, Vec<f64>) = (a.iter().copied().collect(), b.iter().copied().collect());
    Ok(Array2::from_shape_fn((a.len(), b.len()), |(i, j)| a[i] * b[j]))
}

/// `np.linalg.solve(a, b)` for a square `a` and a vector `b`: LU with partial pivoting (LAPACK's
/// `gesv` pivot choice); an exactly zero pivot is NumPy's `LinAlgError: Singular matrix`.
pub fn solve<S: Data<Elem = f64>, T: Data<Elem = f64>>(a: &ArrayBase<S, Ix2>, b: &ArrayBase<T, Ix1>) -> PyResult<Array1<f64>> {
    let n = a.nrows();
    if a.ncols() != n {
        return Err(LinAlgError::new_err("Last 2 dimensions of the array must be square"));
    }
    if b.len() != n {
        return Err(PyValueError::new_err(format!(
            "solve1: Input operand 1 has a mismatch in its core dimension 0, with gufunc signature (m,m),(m)->(m) \
             (size {} is different from {n})",
            b.len()
        )));
    }
    let mut lu = crate::arrays::owned(a)?;
    let mut x = crate::arrays::owned(b)?;
    for k in 0..n {
        let pivot = (k..n).fold(k, |best, i| if lu[[i, k]].abs() > lu[[best, k]].abs() { i } else { best });
        if lu[[pivot, k]] == 0.0 {
            return Err(LinAlgError::new_err("Singular matrix"));
        }
        if pivot != k {
            for j in 0..n {
                lu.swap([k, j], [pivot, j]);
            }
            x.swap(k, pivot);
        }
        for i in k + 1..n {
            let factor = lu[[i, k]] / lu[[k, k]];
            for j in k + 1..n {
                lu[[i, j]] -= factor * lu[[k, j]];
            }
            x[i] -= factor * x[k];
        }
    }
    for k in (0..n).rev() {
        let tail: f64 = (k + 1..n).map(|j| lu[[k, j]] * x[j]).sum();
        x[k] = (x[k] - tail) / lu[[k, k]];
    }
    Ok(x)
}
