//! Two independent computations, at once when the `parallel` feature is on (rayon), one after
//! the other otherwise (and in the WebAssembly build, which has no threads).

/// Runs `a` and `b` and returns both results; with `parallel`, `b` may run on another thread.
pub(crate) fn join<A, B, RA, RB>(a: A, b: B) -> (RA, RB)
where
    A: FnOnce() -> RA + Send,
    B: FnOnce() -> RB + Send,
    RA: Send,
    RB: Send,
{
    #[cfg(feature = "parallel")]
    {
        rayon::join(a, b)
    }
    #[cfg(not(feature = "parallel"))]
    {
        (a(), b())
    }
}
