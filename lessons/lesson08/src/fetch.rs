//! When the bridge pays: many fetches, and a parse of every body.
//!
//! [`fetch_all`] is the seed's `wget` grown to a thousand local URLs: one
//! call from Python, and every request runs on tokio with reqwest, at most
//! `limit` at a time, with no Python object touched until the bodies are
//! handed back. [`parse_all`] is CPU work on those bodies, with the GIL
//! released. The Python program (`python/program.py`) does both in Python
//! too (aiohttp, then a parse in pure Python) and prints the four times.

use std::sync::Arc;

use pyo3::exceptions::PyConnectionError;
use pyo3::prelude::*;
use pyo3::types::PyBytes;
use tokio::sync::Semaphore;
use tokio::task::JoinSet;

// ANCHOR: fetch_all
/// GETs every URL in `urls`, at most `limit` at once, and returns their
/// bodies as a list of `bytes`, in the order of `urls`. The first failure
/// (no connection, a status other than 200) raises `ConnectionError`
/// naming the URL; the other requests are then dropped.
#[pyfunction]
pub fn fetch_all(py: Python<'_>, urls: Vec<String>, limit: usize) -> PyResult<Bound<'_, PyAny>> {
    pyo3_async_runtimes::tokio::future_into_py(py, async move {
        let client = reqwest::Client::new();
        let permits = Arc::new(Semaphore::new(limit.max(1)));
        let mut requests = JoinSet::new();
        for (i, url) in urls.into_iter().enumerate() {
            let (client, permits) = (client.clone(), Arc::clone(&permits));
            requests.spawn(async move {
                let _permit = permits.acquire_owned().await;
                let body = get(&client, &url).await.map_err(|e| {
                    PyConnectionError::new_err(format!("{url}: {e}").escape_debug().to_string())
                })?;
                Ok::<_, PyErr>((i, body))
            });
        }
        let mut bodies = vec![Vec::new(); requests.len()];
        while let Some(done) = requests.join_next().await {
            let (i, body) = done.map_err(|e| PyConnectionError::new_err(e.to_string()))??;
            bodies[i] = body;
        }
        // Dropping `requests` on an early `?` aborts the requests left.
        Python::attach(|py| {
            let list: Vec<Py<PyBytes>> = bodies
                .iter()
                .map(|b| PyBytes::new(py, b).unbind())
                .collect();
            Ok(list)
        })
    })
}

async fn get(client: &reqwest::Client, url: &str) -> Result<Vec<u8>, reqwest::Error> {
    let response = client.get(url).send().await?.error_for_status()?;
    Ok(response.bytes().await?.to_vec())
}
// ANCHOR_END: fetch_all

// ANCHOR: parse_all
/// The sum of the numbers after the comma on every `name,number` line of
/// every body: what `program.py` computes in Python. Lines that do not
/// parse count nothing. The GIL is released while it runs, after the bodies
/// are copied out of Python's `bytes` (the copy is part of its time).
#[pyfunction]
pub fn parse_all(py: Python<'_>, bodies: Vec<Vec<u8>>) -> u64 {
    py.detach(|| bodies.iter().map(|body| parse(body)).sum())
}

/// One body's sum (see [`parse_all`]).
pub fn parse(body: &[u8]) -> u64 {
    body.split(|&b| b == b'\n')
        .filter_map(|line| {
            let comma = line.iter().position(|&b| b == b',')?;
            std::str::from_utf8(&line[comma + 1..])
                .ok()?
                .trim()
                .parse::<u64>()
                .ok()
        })
        .sum()
}
// ANCHOR_END: parse_all
