//! A Python extension module leaves Python's own functions unresolved:
//! the interpreter that loads it provides them. Linux and Windows (PyO3
//! links Windows' `python3.dll` by name) need nothing more; macOS's linker
//! refuses unresolved symbols unless told to look them up at load time,
//! which is what `maturin` and `pyo3-build-config` tell it too.

fn main() {
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("macos") {
        println!("cargo:rustc-cdylib-link-arg=-undefined");
        println!("cargo:rustc-cdylib-link-arg=dynamic_lookup");
    }
}
