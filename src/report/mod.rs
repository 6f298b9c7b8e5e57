//! Render a [`Report`](crate::Report): human (miette), JSON (contract v1), SARIF 2.1.0, GitHub annotations.

pub mod baseline;
mod excerpt;
pub mod fix;
pub mod github;
pub mod human;
pub mod json;
pub mod junit;
pub mod sarif;
pub mod statistics;

use crate::source::FileId;
use crate::Report;
use std::collections::HashMap;
use std::path::Path;

/// The path CI tools show for each file with a finding (primary or related): relative to
/// [`Report::path_base`] (the repository root) when the file is below it, whatever the working
/// directory was; else the path as reported.
pub fn artifact_paths(report: &Report) -> HashMap<FileId, String> {
    let mut out = HashMap::new();
    let cwd = std::env::current_dir().ok();
    let files = report
        .findings
        .iter()
        .flat_map(|f| std::iter::once(f.file).chain(f.related.iter().map(|r| r.file)));
    for id in files {
        out.entry(id).or_insert_with(|| {
            let shown = &report.sources.get(id).path;
            match (&report.path_base, &cwd) {
                (Some(base), Some(cwd)) => {
                    let abs = crate::project::absolute(Path::new(shown), cwd);
                    match abs.strip_prefix(base) {
                        Ok(rel) => rel.to_string_lossy().into_owned(),
                        Err(_) => shown.clone(),
                    }
                }
                _ => shown.clone(),
            }
        });
    }
    out
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Human,
    Json,
    Sarif,
    Github,
    Junit,
}

/// Render the report; `human` only affects the human format.
pub fn render(report: &Report, format: Format, human: &human::Options) -> String {
    match format {
        Format::Human => human::render(report, human),
        Format::Json => json::render(report),
        Format::Sarif => sarif::render(report),
        Format::Github => github::render(report),
        Format::Junit => junit::render(report),
    }
}
