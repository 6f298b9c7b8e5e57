//! Render a [`Report`](crate::Report): human (miette), JSON (contract v1), SARIF 2.1.0, GitHub annotations.

mod excerpt;
pub mod github;
pub mod human;
pub mod json;
pub mod sarif;

use crate::Report;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Human,
    Json,
    Sarif,
    Github,
}

/// Render the report; `color` only affects the human format.
pub fn render(report: &Report, format: Format, color: bool) -> String {
    match format {
        Format::Human => human::render(report, color),
        Format::Json => json::render(report),
        Format::Sarif => sarif::render(report),
        Format::Github => github::render(report),
    }
}
