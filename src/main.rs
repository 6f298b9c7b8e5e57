//! CLI: parse arguments, call the library, map the outcome to an exit code — nothing else.

use clap::{Parser, Subcommand, ValueEnum};
use std::io::Write;

mod cli_check;
use std::path::PathBuf;
use std::process::ExitCode;
use trustlint::config::{self, Config};
use trustlint::report::Format;
use trustlint::rules::{all_rules, find_rule};

/// mimalloc instead of glibc malloc: a run allocates millions of small JSON nodes on worker threads and
/// frees them elsewhere, which made glibc spend 10–25% of the run in `malloc_consolidate`/arena trimming.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "trustlint",
    version,
    about = "Static analyzer for AWS access configuration"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, ValueEnum)]
enum FailOn {
    Error,
    Warning,
    Info,
}

#[derive(Clone, Copy, ValueEnum)]
enum ListFormat {
    Human,
    Json,
}

#[derive(Subcommand)]
enum Command {
    /// Check policies and configuration files (default: the current directory).
    ///
    /// Given only files (as pre-commit and editors do), trustlint loads the whole project they belong
    /// to (the directory of `trustlint.toml`, else the git repository, else their common directory) and
    /// reports the findings located in, or related to, those files.
    Check(Box<CheckArgs>),
    /// Record today's findings in a baseline file, for `trustlint check --baseline FILE` to report only
    /// new ones.
    Baseline {
        /// Files or directories (default: the current directory).
        paths: Vec<PathBuf>,
        /// Configuration file (default: trustlint.toml in the checked files' directory or a parent).
        #[arg(long)]
        config: Option<PathBuf>,
        /// The baseline file to write.
        #[arg(long, short = 'o', default_value = "trustlint-baseline.json")]
        output: PathBuf,
    },
    /// List every rule: id, severity, title.
    Rules {
        #[arg(long, value_enum, default_value = "human")]
        format: ListFormat,
    },
    /// Print a rule's documentation.
    Explain { rule: String },
    /// Evaluate one request against its policies (the "Simulate request" JSON format).
    Simulate {
        /// The request file, or `-` for standard input.
        request: PathBuf,
        #[arg(long, value_enum, default_value = "json")]
        format: ListFormat,
    },
    /// Serve editor diagnostics, quick fixes, hover and completion over the Language Server Protocol
    /// on stdin/stdout (the workspace root comes from the editor).
    Lsp,
    /// Draw the cross-account trust graph of CloudFormation templates (default: the current directory).
    Graph {
        paths: Vec<PathBuf>,
        #[arg(long, value_enum, default_value = "dot")]
        format: GraphFormatArg,
        /// Configuration file (default: trustlint.toml here or in a parent directory).
        #[arg(long)]
        config: Option<PathBuf>,
        /// Write the graph to this file instead of stdout.
        #[arg(long)]
        output: Option<PathBuf>,
        /// List the links made by assumption (a literal id taken for the only resource of its type).
        #[arg(long, short)]
        verbose: bool,
    },
}

#[derive(clap::Args)]
struct CheckArgs {
    /// Files or directories; `-` (or `/dev/stdin`) reads standard input.
    paths: Vec<PathBuf>,
    /// Report format (`--output-format` as in ruff, `-f` as in cfn-lint).
    #[arg(
        long,
        short = 'f',
        visible_alias = "output-format",
        value_enum,
        default_value = "human"
    )]
    format: Format,
    /// Exit 1 when a finding at or above this severity remains.
    #[arg(long, value_enum, default_value = "error")]
    fail_on: FailOn,
    /// Configuration file (default: trustlint.toml in the checked files' directory or a parent).
    #[arg(long)]
    config: Option<PathBuf>,
    /// Only report these rule ids (comma-separated or repeated).
    #[arg(long, value_delimiter = ',')]
    select: Vec<String>,
    /// Never report these rule ids (comma-separated or repeated).
    #[arg(long, value_delimiter = ',')]
    ignore: Vec<String>,
    /// Write the report to this file instead of stdout.
    #[arg(long, short = 'o', visible_alias = "output-file")]
    output: Option<PathBuf>,
    /// Say which files were skipped and why, and how each document was classified.
    #[arg(long, short)]
    verbose: bool,
    /// The path standard input stands for (`check -`): its location in reports and its project.
    #[arg(long, value_name = "PATH")]
    stdin_filename: Option<PathBuf>,
    /// Check files named on the command line even when `exclude` matches them (by default a named
    /// file honours `exclude`, as ruff's `--force-exclude` does).
    #[arg(long)]
    no_force_exclude: bool,
    /// Check only the named files, without loading the rest of their project.
    #[arg(long)]
    no_project: bool,
    /// Colour in the human report: auto (a terminal, unless NO_COLOR is set or CLICOLOR_FORCE is),
    /// always, never.
    #[arg(long, value_enum, default_value = "auto")]
    color: ColorChoice,
    /// Show info findings in the human report (hidden by default unless `--fail-on info`; the summary
    /// counts them either way).
    #[arg(long)]
    show_info: bool,
    /// Do not report findings recorded in this baseline (written by `trustlint baseline`).
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    /// Print how many findings each rule has instead of the findings.
    #[arg(long)]
    statistics: bool,
    /// Print only errors and the summary (human format).
    #[arg(long, short)]
    quiet: bool,
    /// Apply the safe repairs to JSON files first (the statement a cross-account finding asks for,
    /// an unknown action's one close catalog action), then report what remains.
    #[arg(long)]
    fix: bool,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Clone, Copy, ValueEnum)]
enum GraphFormatArg {
    Dot,
    Mermaid,
    Json,
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    match run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(msg) => {
            eprintln!("trustlint: error: {msg}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> Result<u8, String> {
    match cli.command {
        Command::Rules { format } => {
            let mut out = String::new();
            match format {
                ListFormat::Human => {
                    for r in all_rules() {
                        out.push_str(&format!(
                            "{:<28} {:<8} {}\n",
                            r.id,
                            r.severity.as_str(),
                            r.title
                        ));
                    }
                }
                ListFormat::Json => {
                    let v: Vec<_> = all_rules()
                        .iter()
                        .map(|r| serde_json::json!({"id": r.id, "severity": r.severity.as_str(), "title": r.title}))
                        .collect();
                    out = serde_json::to_string_pretty(&v).map_err(|e| e.to_string())? + "\n";
                }
            }
            print!("{out}");
            Ok(0)
        }
        Command::Simulate { request, format } => {
            let text = if request.as_os_str() == "-" {
                let mut s = String::new();
                std::io::Read::read_to_string(&mut std::io::stdin(), &mut s)
                    .map_err(|e| format!("cannot read standard input: {e}"))?;
                s
            } else {
                std::fs::read_to_string(&request)
                    .map_err(|e| format!("cannot read {}: {e}", request.display()))?
            };
            let malformed =
                |e: trustlint::simulate::RequestError| format!("malformed request: {e}");
            let sim = trustlint::simulate::parse_request(&text).map_err(malformed)?;
            let decision = trustlint::simulate::simulate(&sim).map_err(malformed)?;
            let out = match format {
                ListFormat::Json => {
                    let v = trustlint::simulate::render_json(&sim, &decision, &text);
                    serde_json::to_string_pretty(&v).map_err(|e| e.to_string())? + "\n"
                }
                ListFormat::Human => trustlint::simulate::render_human(&sim, &decision, &text),
            };
            let _ = std::io::stdout().lock().write_all(out.as_bytes());
            Ok(0)
        }
        Command::Graph {
            paths,
            format,
            config,
            output,
            verbose,
        } => run_graph(paths, format, config, output, verbose),
        Command::Explain { rule } => {
            let r = find_rule(&rule).ok_or_else(|| {
                format!("unknown rule id `{rule}` (run `trustlint rules` for the list)")
            })?;
            print!("{}", r.doc);
            Ok(0)
        }
        Command::Lsp => trustlint::lsp::run().map(|()| 0),
        Command::Check(args) => cli_check::run(*args),
        Command::Baseline {
            paths,
            config,
            output,
        } => cli_check::write_baseline(paths, config, output),
    }
}

fn run_graph(
    paths: Vec<PathBuf>,
    format: GraphFormatArg,
    config: Option<PathBuf>,
    output: Option<PathBuf>,
    verbose: bool,
) -> Result<u8, String> {
    use trustlint::graph::export::{render_with, GraphFormat};
    let cfg = match config {
        Some(p) => Config::load(&p).map_err(|e| e.to_string())?,
        None => match config::find_config(&std::env::current_dir().map_err(|e| e.to_string())?) {
            Some(p) => Config::load(&p).map_err(|e| e.to_string())?,
            None => Config::default(),
        },
    };
    let paths = if paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        paths
    };
    let (graph, report) = trustlint::graph(&paths, &cfg)
        .map_err(|e| format!("cannot read {}: {}", e.path.display(), e.message))?;
    if verbose {
        for l in &graph.model.assumed_links {
            let f = report.sources.get(l.file);
            let (line, col) = f.line_col(l.span.start);
            eprintln!(
                "{}:{line}:{col}: assumed `{}` is {} (the only one of its type in that account and region)",
                f.path,
                trustlint::model::symbolic::display(&l.literal),
                l.target
            );
        }
    }
    if graph.graph.node_count() == 0 {
        eprintln!("trustlint: {}", trustlint::graph::export::dot::EMPTY);
    }
    let overlays = trustlint::graph_overlays(&graph, &report);
    let text = render_with(
        &graph,
        match format {
            GraphFormatArg::Dot => GraphFormat::Dot,
            GraphFormatArg::Mermaid => GraphFormat::Mermaid,
            GraphFormatArg::Json => GraphFormat::Json,
        },
        &overlays,
    );
    match output {
        Some(p) => {
            std::fs::write(&p, text).map_err(|e| format!("cannot write {}: {e}", p.display()))?
        }
        None => {
            let _ = std::io::stdout().lock().write_all(text.as_bytes());
        }
    }
    Ok(0)
}
