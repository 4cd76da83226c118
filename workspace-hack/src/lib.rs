//! No code: this crate's `Cargo.toml` names every dependency that some
//! member of the workspace would otherwise build with a different feature
//! set, with the union of those features. Every member depends on it (but
//! the course tool, which builds no runtime), so each dependency builds
//! once per profile, whatever `-p` selects. Written by `cargo hakari
//! generate` (see `.config/hakari.toml`).
