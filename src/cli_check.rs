//! `trustlint check`: find the configuration and the project, run the library, write the report,
//! map the outcome to an exit code.

use crate::{CheckArgs, ColorChoice, FailOn};
use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use trustlint::config::{self, Config};
use trustlint::rules::Severity;
use trustlint::{project, report, NamedFiles, StdinInput};

/// Words that name a report format: given to `--output` they are a misplaced `--format`.
const FORMAT_WORDS: &[&str] = &["human", "json", "sarif", "github", "junit"];

fn is_stdin(p: &Path) -> bool {
    p.as_os_str() == "-" || p == Path::new("/dev/stdin") || p == Path::new("/dev/fd/0")
}

fn load_config(explicit: Option<&Path>, start: &Path) -> Result<Config, String> {
    let found = match explicit {
        Some(p) => Some(p.to_path_buf()),
        None => config::find_config(start),
    };
    match found {
        Some(p) => Config::load(&p).map_err(|e| e.to_string()),
        None => Ok(Config::default()),
    }
}

fn read_stdin() -> Result<Arc<str>, String> {
    let mut bytes = Vec::new();
    std::io::stdin()
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read standard input: {e}"))?;
    String::from_utf8(bytes).map(Arc::from).map_err(|e| {
        format!(
            "standard input is not valid UTF-8 (at byte {})",
            e.utf8_error().valid_up_to()
        )
    })
}

/// `--color auto` follows the NO_COLOR and CLICOLOR_FORCE conventions, else colours a terminal.
fn use_color(
    choice: ColorChoice,
    to_terminal: bool,
    env: &dyn Fn(&str) -> Option<std::ffi::OsString>,
) -> bool {
    let set = |k: &str| env(k).is_some_and(|v| !v.is_empty() && v != "0");
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto if env("NO_COLOR").is_some_and(|v| !v.is_empty()) => false,
        ColorChoice::Auto => set("CLICOLOR_FORCE") || to_terminal,
    }
}

/// Columns for the human report: `COLUMNS` when set, else the terminal's width, else 100.
fn width(to_terminal: bool, env: &dyn Fn(&str) -> Option<std::ffi::OsString>) -> usize {
    let from_env = env("COLUMNS")
        .and_then(|v| v.to_str().and_then(|s| s.trim().parse::<usize>().ok()))
        .filter(|w| *w > 0);
    let from_terminal = || {
        to_terminal
            .then(terminal_size::terminal_size)
            .flatten()
            .map(|(w, _)| usize::from(w.0))
    };
    // Narrower than this, miette's gutters leave no room for text.
    from_env.or_else(from_terminal).unwrap_or(100).max(40)
}

/// Where standard input is reported: `--stdin-filename`, else `<stdin>` in the current directory.
fn stdin_path(args: &CheckArgs) -> PathBuf {
    args.stdin_filename
        .clone()
        .unwrap_or_else(|| PathBuf::from("<stdin>"))
}

/// `trustlint baseline`: run the check as `trustlint check` would, record every finding.
pub fn write_baseline(
    paths: Vec<PathBuf>,
    config: Option<PathBuf>,
    output: PathBuf,
) -> Result<u8, String> {
    use clap::Parser;
    // The same defaults as `trustlint check`, so both see the same project and findings.
    let mut args = crate::Cli::try_parse_from(["trustlint", "check"])
        .map_err(|e| e.to_string())
        .and_then(|c| match c.command {
            crate::Command::Check(a) => Ok(*a),
            _ => Err("internal: not a check".to_string()),
        })?;
    args.paths = paths;
    args.config = config;
    let report = analyse(&args)?;
    let b = report::baseline::record(&report);
    std::fs::write(&output, report::baseline::render(&b))
        .map_err(|e| format!("cannot write {}: {e}", output.display()))?;
    eprintln!(
        "trustlint: recorded {} finding(s) in {}",
        b.findings.len(),
        output.display()
    );
    Ok(0)
}

/// `--fix`: apply every finding's repairs that edit only JSON files, in finding order; a file whose
/// fixed text would not parse is left as it was. Returns how many files changed.
fn fix_files(report: &trustlint::Report) -> Result<usize, String> {
    use trustlint::report::fix;
    let fixes: Vec<fix::Fix> = report
        .findings
        .iter()
        .flat_map(|f| fix::repairs(f, &report.sources))
        .filter(|x| {
            x.edits.iter().all(|e| {
                report
                    .sources
                    .files()
                    .get(e.file.0 as usize)
                    .is_some_and(fix::is_json)
            })
        })
        .collect();
    let applied = fix::apply::apply(&fixes, &report.sources);
    let mut changed = 0;
    for (file, text) in &applied.texts {
        let Some(src) = report.sources.files().get(file.0 as usize) else {
            continue;
        };
        if trustlint::source::json::parse(text).is_err() {
            eprintln!(
                "trustlint: not fixing {}: the edits would not leave valid JSON",
                src.path
            );
            continue;
        }
        std::fs::write(&src.path, text).map_err(|e| format!("cannot write {}: {e}", src.path))?;
        changed += 1;
    }
    if !applied.fixes.is_empty() {
        eprintln!(
            "trustlint: applied {} fix(es) to {changed} file(s)",
            applied.fixes.len()
        );
    }
    Ok(changed)
}

pub fn run(args: CheckArgs) -> Result<u8, String> {
    if args.fix && args.paths.iter().any(|p| is_stdin(p)) {
        return Err("--fix edits files: it cannot fix standard input".into());
    }
    let mut report = analyse(&args)?;
    if args.fix {
        // Report what remains after the fixes, from the files as written.
        if fix_files(&report)? > 0 {
            report = analyse(&args)?;
        }
    }
    if let Some(path) = &args.baseline {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read baseline {}: {e}", path.display()))?;
        let b = report::baseline::parse(&text).map_err(|e| format!("{}: {e}", path.display()))?;
        report.baselined = report::baseline::apply(&mut report, &b);
    }
    let to_terminal = args.output.is_none() && std::io::stdout().is_terminal();
    let human = report::human::Options {
        color: use_color(args.color, to_terminal, &|k| std::env::var_os(k)),
        width: width(to_terminal, &|k| std::env::var_os(k)),
        show_info: args.show_info || matches!(args.fail_on, FailOn::Info),
        quiet: args.quiet,
    };
    let text = if args.statistics {
        report::statistics::render(&report, args.format)
    } else {
        report::render(&report, args.format, &human)
    };
    match &args.output {
        Some(p) => {
            std::fs::write(p, text).map_err(|e| format!("cannot write {}: {e}", p.display()))?
        }
        None => {
            let mut out = std::io::stdout().lock();
            // A closed pipe (`| head`) is not an error worth a panic.
            let _ = out.write_all(text.as_bytes());
        }
    }
    let threshold = match args.fail_on {
        FailOn::Error => Severity::Error,
        FailOn::Warning => Severity::Warning,
        FailOn::Info => Severity::Info,
    };
    let failed = report.findings.iter().any(|f| f.severity >= threshold);
    // The process ends here: freeing every source text and finding one by one is wasted work.
    std::mem::forget(report);
    Ok(u8::from(failed))
}

/// Find the configuration and project, load and check: the report of `trustlint check`.
fn analyse(args: &CheckArgs) -> Result<trustlint::Report, String> {
    if let Some(o) = &args.output {
        let word = o.to_string_lossy();
        if FORMAT_WORDS.contains(&word.as_ref()) && !o.exists() {
            return Err(format!(
                "`--output {word}` names the file to write; for the report format use `--format {word}` \
                 (write `--output ./{word}` to create a file of that name)"
            ));
        }
    }
    let cwd = std::env::current_dir().map_err(|e| e.to_string())?;
    let stdin_count = args.paths.iter().filter(|p| is_stdin(p)).count();
    if stdin_count > 1 {
        return Err("standard input (`-`) can be named only once".into());
    }
    if args.stdin_filename.is_some() && stdin_count == 0 {
        return Err("--stdin-filename needs `-` among the paths (`trustlint check - --stdin-filename PATH`)".into());
    }
    for p in &args.paths {
        if !is_stdin(p) && !p.exists() {
            let word = p.to_string_lossy();
            let hint = if FORMAT_WORDS.contains(&word.as_ref()) {
                format!(" (for the report format use `--format {word}`)")
            } else {
                String::new()
            };
            return Err(format!(
                "cannot read {word}: no such file or directory{hint}"
            ));
        }
    }
    // Named files only (no directory): check them within their project.
    let files_only =
        !args.paths.is_empty() && args.paths.iter().all(|p| is_stdin(p) || !p.is_dir());
    // The directory the checked paths share: the project and the repository are found from it.
    let anchors: Vec<PathBuf> = args
        .paths
        .iter()
        .filter(|p| !is_stdin(p))
        .cloned()
        .chain((stdin_count == 1).then(|| stdin_path(args)))
        .map(|p| {
            let abs = project::absolute(&p, &cwd);
            if abs.is_dir() {
                abs
            } else {
                abs.parent().map(Path::to_path_buf).unwrap_or(abs)
            }
        })
        .collect();
    let anchor = project::common_dir(&anchors).unwrap_or_else(|| cwd.clone());
    let start = if files_only {
        anchor.clone()
    } else {
        cwd.clone()
    };
    let mut cfg = load_config(args.config.as_deref(), &start)?;
    cfg.verbose = args.verbose;
    let select = config::rule_ids(&args.select, "--select").map_err(|e| e.to_string())?;
    if !select.is_empty() {
        cfg.select = select;
    }
    cfg.ignore
        .extend(config::ignorable_rule_ids(&args.ignore, "--ignore").map_err(|e| e.to_string())?);
    let report = if files_only {
        let project_root = if args.no_project {
            None
        } else if let Some(src) = &cfg.source {
            Some(
                project::absolute(src, &cwd)
                    .parent()
                    .map(Path::to_path_buf)
                    .unwrap_or_else(|| start.clone()),
            )
        } else {
            Some(project::find_root(&start).0)
        };
        if args.verbose {
            if let Some(r) = &project_root {
                eprintln!("project root {}", r.display());
            }
        }
        let stdin = if stdin_count == 1 {
            Some(StdinInput {
                path: stdin_path(args),
                text: read_stdin()?,
            })
        } else {
            None
        };
        let named = NamedFiles {
            files: args
                .paths
                .iter()
                .filter(|p| !is_stdin(p))
                .cloned()
                .collect(),
            stdin,
            project_root,
            force_exclude: !args.no_force_exclude,
        };
        trustlint::lint_named(&named, &cfg)
    } else {
        let paths = if args.paths.is_empty() {
            vec![PathBuf::from(".")]
        } else {
            args.paths.clone()
        };
        trustlint::lint(&paths, &cfg)
    }
    .map_err(|e| format!("cannot read {}: {}", e.path.display(), e.message))?;
    let mut report = report;
    report.path_base = project::repository_root(&anchor).or_else(|| {
        cfg.source
            .as_ref()
            .and_then(|s| project::absolute(s, &cwd).parent().map(Path::to_path_buf))
    });
    if args.verbose {
        for (path, reason) in &report.skipped {
            eprintln!("skipped {path}: {reason}");
        }
        for (path, kind, reason) in &report.classified {
            eprintln!("checked {path} as {kind}: {reason}");
        }
    }
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::OsString;

    fn env<'a>(vars: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<OsString> + 'a {
        move |k| {
            vars.iter()
                .find(|(n, _)| *n == k)
                .map(|(_, v)| OsString::from(v))
        }
    }

    #[test]
    fn colour_follows_no_color_and_clicolor_force() {
        assert!(use_color(ColorChoice::Auto, true, &env(&[])));
        assert!(!use_color(ColorChoice::Auto, false, &env(&[])));
        assert!(!use_color(
            ColorChoice::Auto,
            true,
            &env(&[("NO_COLOR", "1")])
        ));
        assert!(use_color(
            ColorChoice::Auto,
            false,
            &env(&[("CLICOLOR_FORCE", "1")])
        ));
        assert!(!use_color(
            ColorChoice::Auto,
            false,
            &env(&[("CLICOLOR_FORCE", "0")])
        ));
        assert!(use_color(
            ColorChoice::Always,
            false,
            &env(&[("NO_COLOR", "1")])
        ));
        assert!(!use_color(
            ColorChoice::Never,
            true,
            &env(&[("CLICOLOR_FORCE", "1")])
        ));
    }

    #[test]
    fn width_from_columns_else_default() {
        assert_eq!(width(false, &env(&[("COLUMNS", "80")])), 80);
        assert_eq!(width(false, &env(&[("COLUMNS", "x")])), 100);
        assert_eq!(width(false, &env(&[])), 100);
        assert_eq!(width(false, &env(&[("COLUMNS", "10")])), 40);
    }
}
