use std::time::Duration;

use pyo3::prelude::*;

#[pyfunction]
fn late_hello<'py>(py: Python<'py>, name: Bound<'py, PyAny>, ms: u64) -> PyResult<Bound<'py, PyAny>> {
    pyo3_async_runtimes::tokio::future_into_py(py, async move {
        tokio::time::sleep(Duration::from_millis(ms)).await;
        // `name` is a Bound: proof of the GIL, carried across the await.
        let text = name.str()?.extract::<String>()?;
        Ok(format!("hello, {text}"))
    })
}
