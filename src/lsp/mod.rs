//! `trustlint lsp`: the checks of `trustlint check` as editor diagnostics, over the Language Server
//! Protocol on stdio.
//!
//! Built on `lsp-server` + `lsp-types`, the pair rust-analyzer uses: a synchronous message loop on
//! crossbeam channels, no async runtime. A check is CPU-bound work on the whole workspace (rayon does
//! the parallelism), so an async framework (tower-lsp) would add a runtime and locking without making
//! anything faster; both crates are small and maintained with rust-analyzer.
//!
//! One job per file: [`server`] runs the loop, [`documents`] holds the open buffers, [`workspace`]
//! runs the project check with those buffers, [`diagnostics`] turns findings into LSP diagnostics,
//! [`fixes`] turns the fixes of findings (`report::fix`, shared with SARIF and `check --fix`) into
//! code actions, [`hover`] and
//! [`completion`] answer from the action catalog, [`definition`] goes from a reference to what it
//! names, [`position`] converts between byte offsets and
//! LSP positions, [`uri`] between file URIs and paths.

pub mod completion;
pub mod definition;
pub mod diagnostics;
pub mod documents;
pub mod fixes;
pub mod hover;
pub mod position;
pub mod server;
pub mod uri;
pub mod workspace;

pub use server::run;
