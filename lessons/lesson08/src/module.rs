// The Python module `lesson08`: every function the program and the grader
// call, the exercises' included. Shared by the lesson and its solution
// (`include!`d by both `lib.rs`), so the two list the same names.

/// `import lesson08`: the functions of every module of this lesson.
#[pymodule]
fn lesson08(m: &Bound<'_, PyModule>) -> PyResult<()> {
    // Which copy of the lesson this is: the grader checks that Python
    // loaded the one it was built with.
    m.add("__built_from__", env!("CARGO_MANIFEST_DIR"))?;
    // Before the bridge's first use; see `awaitable::settle`.
    pyo3_async_runtimes::tokio::init(awaitable::bridge_runtime());
    m.add_function(wrap_pyfunction!(awaitable::sleep_and_report, m)?)?;
    m.add_function(wrap_pyfunction!(awaitable::nothing, m)?)?;
    m.add_function(wrap_pyfunction!(awaitable::nothing_sync, m)?)?;
    m.add_function(wrap_pyfunction!(awaitable::bridge_workers, m)?)?;
    m.add_function(wrap_pyfunction!(awaitable::bridge_tasks, m)?)?;
    m.add_function(wrap_pyfunction!(calls_python::sum_from_python, m)?)?;
    m.add_function(wrap_pyfunction!(calls_python::convert_and_drop, m)?)?;
    m.add_function(wrap_pyfunction!(gil::late_hello, m)?)?;
    m.add_function(wrap_pyfunction!(gil::crunch_holding, m)?)?;
    m.add_function(wrap_pyfunction!(gil::crunch_released, m)?)?;
    m.add_function(wrap_pyfunction!(errors::parse_size, m)?)?;
    m.add_function(wrap_pyfunction!(errors::explain, m)?)?;
    m.add_class::<cancel::Counter>()?;
    m.add_function(wrap_pyfunction!(cancel::count_up, m)?)?;
    m.add_function(wrap_pyfunction!(cancel::give_up_after, m)?)?;
    m.add_function(wrap_pyfunction!(fetch::fetch_all, m)?)?;
    m.add_function(wrap_pyfunction!(fetch::parse_all, m)?)?;
    m.add_function(wrap_pyfunction!(ex1_expose_async::slow_square, m)?)?;
    m.add_function(wrap_pyfunction!(ex2_await_python::shout, m)?)?;
    m.add_function(wrap_pyfunction!(ex3_release_the_gil::checksum, m)?)?;
    m.add_function(wrap_pyfunction!(ex4_convert_errors::read_port, m)?)?;
    m.add_function(wrap_pyfunction!(ex5_cancellable::heartbeat, m)?)?;
    // See `awaitable::settle`: tokio's hand-offs to Python end before exit.
    let settle = wrap_pyfunction!(awaitable::settle, m)?;
    m.py().import("atexit")?.call_method1("register", (settle,))?;
    Ok(())
}
