//! The message loop: answer requests, keep the open buffers, and after each batch of queued
//! notifications re-check the workspace once and publish what changed.

use super::documents::Documents;
use super::fixes;
use super::workspace::Workspace;
use super::{completion, definition, diagnostics, hover, position, uri};
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, Response};
use lsp_types::notification::{
    DidChangeTextDocument, DidChangeWatchedFiles, DidCloseTextDocument, DidOpenTextDocument,
    DidSaveTextDocument, Notification as _, PublishDiagnostics, ShowMessage,
};
use lsp_types::request::{
    CodeActionRequest, Completion, GotoDefinition, HoverRequest, Request as _,
};
use lsp_types::{
    CodeActionOrCommand, CodeActionProviderCapability, CompletionOptions, CompletionResponse,
    GotoDefinitionResponse, HoverProviderCapability, InitializeParams, Location, MessageType,
    OneOf, PublishDiagnosticsParams, Range, SaveOptions, ServerCapabilities, ServerInfo,
    ShowMessageParams, TextDocumentSyncCapability, TextDocumentSyncKind, TextDocumentSyncOptions,
    TextDocumentSyncSaveOptions,
};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Serve LSP on stdin/stdout until the client says `exit`.
pub fn run() -> Result<(), String> {
    let (connection, io_threads) = Connection::stdio();
    serve(&connection)?;
    drop(connection);
    io_threads.join().map_err(|e| e.to_string())
}

fn capabilities() -> ServerCapabilities {
    ServerCapabilities {
        // Full text on each change: policy files are small, and a full text cannot drift.
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::FULL),
                save: Some(TextDocumentSyncSaveOptions::SaveOptions(SaveOptions {
                    include_text: Some(false),
                })),
                ..Default::default()
            },
        )),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        completion_provider: Some(CompletionOptions {
            trigger_characters: Some(vec![":".into()]),
            ..Default::default()
        }),
        code_action_provider: Some(CodeActionProviderCapability::Simple(true)),
        definition_provider: Some(OneOf::Left(true)),
        ..Default::default()
    }
}

/// Run the protocol on a connection (stdio, or in memory for tests).
pub fn serve(connection: &Connection) -> Result<(), String> {
    let caps = serde_json::json!({
        "capabilities": capabilities(),
        "serverInfo": ServerInfo { name: "trustlint".into(), version: Some(env!("CARGO_PKG_VERSION").into()) },
    });
    let (id, params) = connection.initialize_start().map_err(|e| e.to_string())?;
    let params: InitializeParams = serde_json::from_value(params).map_err(|e| e.to_string())?;
    connection
        .initialize_finish(id, caps)
        .map_err(|e| e.to_string())?;
    let mut state = State {
        ws: Workspace::new(root(&params)),
        docs: Documents::default(),
        published: BTreeSet::new(),
        last: None,
        dirty: true,
    };
    state.report_config_error(connection);
    state.publish(connection);
    loop {
        let Ok(msg) = connection.receiver.recv() else {
            return Ok(());
        };
        if state.handle(connection, msg)? == Flow::Exit {
            return Ok(());
        }
        // Debounce: apply every change already queued before checking once.
        if drain(&mut state, connection)? == Flow::Exit {
            return Ok(());
        }
        if state.dirty {
            state.publish(connection);
        }
    }
}

fn drain(state: &mut State, c: &Connection) -> Result<Flow, String> {
    while let Ok(msg) = c.receiver.try_recv() {
        if state.handle(c, msg)? == Flow::Exit {
            return Ok(Flow::Exit);
        }
    }
    Ok(Flow::Go)
}

/// The workspace root: the first workspace folder, else `rootUri`, else the current directory.
fn root(params: &InitializeParams) -> PathBuf {
    #[allow(deprecated)]
    let root_uri = params.root_uri.as_ref();
    params
        .workspace_folders
        .as_ref()
        .and_then(|f| f.first())
        .map(|f| &f.uri)
        .or(root_uri)
        .and_then(uri::to_path)
        .or_else(|| std::env::current_dir().ok())
        .unwrap_or_else(|| PathBuf::from("."))
}

#[derive(PartialEq)]
enum Flow {
    Go,
    Exit,
}

struct State {
    ws: Workspace,
    docs: Documents,
    /// Files that have diagnostics in the editor (to clear them when their findings go away).
    published: BTreeSet<PathBuf>,
    /// The last check, for code actions.
    last: Option<(Vec<crate::Input>, crate::Report)>,
    /// A buffer or file changed since the last check.
    dirty: bool,
}

fn send(c: &Connection, msg: Message) {
    // A closed channel means the client is gone; the loop ends on the next receive.
    let _ = c.sender.send(msg);
}

fn notify<N: lsp_types::notification::Notification>(c: &Connection, params: N::Params) {
    send(
        c,
        Message::Notification(Notification::new(N::METHOD.into(), params)),
    );
}

impl State {
    fn handle(&mut self, c: &Connection, msg: Message) -> Result<Flow, String> {
        match msg {
            Message::Request(req) => {
                if c.handle_shutdown(&req).map_err(|e| e.to_string())? {
                    return Ok(Flow::Exit);
                }
                // Answers from the last check must see the changes queued before the request.
                if self.dirty
                    && matches!(
                        req.method.as_str(),
                        CodeActionRequest::METHOD | GotoDefinition::METHOD
                    )
                {
                    self.publish(c);
                }
                let resp = self.request(req);
                send(c, Message::Response(resp));
            }
            Message::Notification(n) => {
                if n.method == "exit" {
                    return Ok(Flow::Exit);
                }
                self.notification(c, n);
            }
            Message::Response(_) => {}
        }
        Ok(Flow::Go)
    }

    fn notification(&mut self, c: &Connection, n: Notification) {
        match n.method.as_str() {
            DidOpenTextDocument::METHOD => {
                if let Ok(p) =
                    serde_json::from_value::<lsp_types::DidOpenTextDocumentParams>(n.params)
                {
                    if let Some(path) = uri::to_path(&p.text_document.uri) {
                        self.docs.set(path, p.text_document.text);
                        self.dirty = true;
                    }
                }
            }
            DidChangeTextDocument::METHOD => {
                if let Ok(p) =
                    serde_json::from_value::<lsp_types::DidChangeTextDocumentParams>(n.params)
                {
                    // Full sync: the last change holds the whole text.
                    if let (Some(path), Some(change)) = (
                        uri::to_path(&p.text_document.uri),
                        p.content_changes.into_iter().last(),
                    ) {
                        self.docs.set(path, change.text);
                        self.dirty = true;
                    }
                }
            }
            DidSaveTextDocument::METHOD => {
                if let Ok(p) =
                    serde_json::from_value::<lsp_types::DidSaveTextDocumentParams>(n.params)
                {
                    self.file_changed(c, uri::to_path(&p.text_document.uri).as_deref());
                }
            }
            DidCloseTextDocument::METHOD => {
                if let Ok(p) =
                    serde_json::from_value::<lsp_types::DidCloseTextDocumentParams>(n.params)
                {
                    if let Some(path) = uri::to_path(&p.text_document.uri) {
                        self.docs.close(&path);
                        self.file_changed(c, Some(&path));
                    }
                }
            }
            DidChangeWatchedFiles::METHOD => self.file_changed(c, None),
            _ => {}
        }
    }

    /// A file was saved, closed or changed on disk: files may have come or gone, and a saved
    /// `trustlint.toml` changes what is checked.
    fn file_changed(&mut self, c: &Connection, path: Option<&Path>) {
        let is_config = path.is_none_or(|p| {
            p.file_name()
                .is_some_and(|n| n == crate::config::CONFIG_FILE)
        });
        if is_config {
            self.ws.reload();
            self.report_config_error(c);
        } else {
            self.ws.rediscover();
        }
        self.dirty = true;
    }

    fn report_config_error(&self, c: &Connection) {
        if let Some(e) = &self.ws.config_error {
            notify::<ShowMessage>(
                c,
                ShowMessageParams {
                    typ: MessageType::WARNING,
                    message: format!("trustlint: {e} (using the default configuration)"),
                },
            );
        }
    }

    /// Check the workspace and publish every file's diagnostics, clearing files that have none now.
    fn publish(&mut self, c: &Connection) {
        self.dirty = false;
        let (inputs, report) = self.ws.check(&self.docs);
        let by_file = diagnostics::by_file(&report, &inputs);
        let now: BTreeSet<PathBuf> = by_file.keys().cloned().collect();
        let cleared: Vec<PathBuf> = self.published.difference(&now).cloned().collect();
        let all = by_file
            .into_iter()
            .chain(cleared.into_iter().map(|p| (p, Vec::new())));
        for (path, diags) in all {
            if let Some(u) = uri::from_path(&path) {
                notify::<PublishDiagnostics>(c, PublishDiagnosticsParams::new(u, diags, None));
            }
        }
        self.published = now;
        self.last = Some((inputs, report));
    }

    /// The text of a document: the open buffer, else the file.
    fn text(&self, path: &Path) -> Option<std::sync::Arc<str>> {
        match self.docs.get(path) {
            Some(t) => Some(t.clone()),
            None => std::fs::read_to_string(path).ok().map(Into::into),
        }
    }

    fn request(&self, req: Request) -> Response {
        let id = req.id.clone();
        let result = match req.method.as_str() {
            HoverRequest::METHOD => {
                serde_json::from_value(req.params).map(|p| to_value(self.hover(p)))
            }
            Completion::METHOD => {
                serde_json::from_value(req.params).map(|p| to_value(self.complete(p)))
            }
            CodeActionRequest::METHOD => {
                serde_json::from_value(req.params).map(|p| to_value(self.code_actions(p)))
            }
            GotoDefinition::METHOD => {
                serde_json::from_value(req.params).map(|p| to_value(self.definition(p)))
            }
            _ => {
                return Response::new_err(
                    id,
                    ErrorCode::MethodNotFound as i32,
                    format!("unsupported request {}", req.method),
                )
            }
        };
        match result {
            Ok(v) => Response::new_ok(id, v),
            Err(e) => Response::new_err(id, ErrorCode::InvalidParams as i32, e.to_string()),
        }
    }

    fn hover(&self, p: lsp_types::HoverParams) -> Option<lsp_types::Hover> {
        let at = p.text_document_position_params;
        let path = uri::to_path(&at.text_document.uri)?;
        let text = self.text(&path)?;
        let offset = position::offset(&text, at.position);
        let docs = hover::parse(&path, &text);
        let (md, span) = hover::hover(&docs, offset as u32)?;
        let file = crate::source::SourceFile::new(crate::source::FileId(0), String::new(), text);
        Some(hover::to_lsp(md, Some(position::range(&file, span))))
    }

    fn complete(&self, p: lsp_types::CompletionParams) -> Option<CompletionResponse> {
        let at = p.text_document_position;
        let path = uri::to_path(&at.text_document.uri)?;
        let text = self.text(&path)?;
        let offset = position::offset(&text, at.position);
        let (start, _, _) = completion::token(&text, offset)?;
        let file =
            crate::source::SourceFile::new(crate::source::FileId(0), String::new(), text.clone());
        let replace = Range::new(position::position(&file, start as u32), at.position);
        let docs = hover::parse(&path, &text);
        let items = completion::complete(&text, &docs, offset, replace);
        Some(CompletionResponse::Array(items))
    }

    fn definition(&self, p: lsp_types::GotoDefinitionParams) -> Option<GotoDefinitionResponse> {
        let at = p.text_document_position_params;
        let path = uri::to_path(&at.text_document.uri)?;
        let text = self.text(&path)?;
        let offset = position::offset(&text, at.position) as u32;
        let docs = hover::parse(&path, &text);
        let here = |span| {
            let file = crate::source::SourceFile::new(
                crate::source::FileId(0),
                String::new(),
                text.clone(),
            );
            Location::new(at.text_document.uri.clone(), position::range(&file, span))
        };
        let (inputs, report) = self.last.as_ref()?;
        let elsewhere = |file: crate::source::FileId, span| {
            let path = &inputs.get(file.0 as usize)?.path;
            let range = position::range(report.sources.get(file), span);
            Some(Location::new(uri::from_path(path)?, range))
        };
        let found: Vec<Location> = match definition::reference_at(&docs, &text, offset)? {
            definition::Reference::Logical(name) => {
                vec![here(definition::logical(&docs, &name)?)]
            }
            definition::Reference::SubVariable(span) => vec![here(span)],
            definition::Reference::Import(name) => report
                .templates
                .iter()
                .flat_map(|t| {
                    t.outputs
                        .iter()
                        .filter(|o| o.export_name.as_deref() == Some(name.as_str()))
                        .map(|o| (t.file, o.name_span))
                })
                .filter_map(|(f, s)| elsewhere(f, s))
                .collect(),
            definition::Reference::Literal(s) => {
                let model = &report.graph.as_ref()?.model;
                definition::resources_named(model, &s)
                    .into_iter()
                    .filter_map(|(f, span)| elsewhere(f, span))
                    .collect()
            }
        };
        match found.len() {
            0 => None,
            1 => found.into_iter().next().map(GotoDefinitionResponse::Scalar),
            _ => Some(GotoDefinitionResponse::Array(found)),
        }
    }

    fn code_actions(&self, p: lsp_types::CodeActionParams) -> Vec<CodeActionOrCommand> {
        let Some(path) = uri::to_path(&p.text_document.uri) else {
            return Vec::new();
        };
        let Some((inputs, report)) = &self.last else {
            return Vec::new();
        };
        let overlaps = |r: &Range| r.start <= p.range.end && p.range.start <= r.end;
        report
            .findings
            .iter()
            .filter(|f| {
                inputs
                    .get(f.file.0 as usize)
                    .is_some_and(|i| i.path == path)
            })
            .filter(|f| overlaps(&position::range(report.sources.get(f.file), f.span)))
            .flat_map(|f| fixes::actions(f, report, inputs))
            .map(CodeActionOrCommand::CodeAction)
            .collect()
    }
}

fn to_value<T: serde::Serialize>(v: T) -> serde_json::Value {
    serde_json::to_value(v).unwrap_or(serde_json::Value::Null)
}
