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

/// Runs `a` on the calling thread and `b` beside it, when the `parallel` feature is on (one
/// after the other otherwise), and returns both results.
///
/// Unlike [`join`] called from outside the thread pool, which hands both halves to the pool
/// and sleeps until they are done, the caller starts on `a` at once and only `b` waits for a
/// pool thread to wake: one hand-off instead of three, which matters for work of a fraction
/// of a millisecond (a bundle load). `b`'s result is always `Some` (the scope returns after
/// its job ran and re-raises a panic of it); the `Option` spares callers an `unwrap`.
pub(crate) fn join_here<A, B, RA, RB>(a: A, b: B) -> (RA, Option<RB>)
where
    A: FnOnce() -> RA + Send,
    B: FnOnce() -> RB + Send,
    RA: Send,
    RB: Send,
{
    #[cfg(feature = "parallel")]
    {
        let mut second = None;
        let first = rayon::in_place_scope(|scope| {
            scope.spawn(|_| second = Some(b()));
            a()
        });
        (first, second)
    }
    #[cfg(not(feature = "parallel"))]
    {
        (a(), Some(b()))
    }
}
