//! Fused loops compiled once per SIMD level of x86-64 (AVX-512, AVX2+FMA, baseline) and picked at run
//! time with `pulp`, so a wheel built for the portable baseline still runs wide vectors where the CPU
//! has them. Only vector width changes between the copies, never the operations: every copy gives the
//! same bits (the loops use no fused multiply-add).
//!
//! The loop body must reach pulp's `#[target_feature]` functions through `#[inline(always)]` calls
//! only: a closure would be compiled once, without the features. So a generated loop is a struct
//! implementing [`Chunk`] with an `#[inline(always)]` `fill` (the `elementwise!` macros write it).

use pyo3::PyResult;

/// One fused loop: `fill` writes the results for elements `start..start + out.len()`.
pub trait Chunk<X: ?Sized>: Sync {
    fn fill(&self, start: usize, out: &mut X);
}

struct Dispatched<'a, C: ?Sized, X: ?Sized> {
    chunk: &'a C,
    start: usize,
    out: &'a mut X,
}

impl<C: Chunk<X>, X: ?Sized> pulp::WithSimd for Dispatched<'_, C, X> {
    type Output = ();

    #[inline(always)]
    fn with_simd<S: pulp::Simd>(self, _simd: S) {
        self.chunk.fill(self.start, self.out)
    }
}

fn run<C: Chunk<X>, X: ?Sized>(arch: pulp::Arch, chunk: &C, start: usize, out: &mut X) {
    arch.dispatch(Dispatched { chunk, start, out })
}

/// `len` results of `chunk`, on every core when large (see `broadcast::fill_chunks`).
pub fn fill<T, C>(len: usize, chunk: &C) -> PyResult<Vec<T>>
where
    T: Copy + Default + Send,
    C: Chunk<[T]>,
{
    let arch = pulp::Arch::new();
    crate::broadcast::fill_chunks(len, |start, out: &mut [T]| run(arch, chunk, start, out))
}

/// `fill` for a loop with `M` outputs written in one pass.
pub fn fill_multi<T, const M: usize, C>(len: usize, chunk: &C) -> PyResult<[Vec<T>; M]>
where
    T: Copy + Default + Send + Sync,
    C: for<'a> Chunk<[&'a mut [T]; M]>,
{
    let arch = pulp::Arch::new();
    crate::broadcast::fill_chunks_multi(len, |start, outs: &mut [&mut [T]; M]| run(arch, chunk, start, outs))
}
