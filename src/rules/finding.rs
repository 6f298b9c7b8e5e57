//! What a rule reports.

use crate::rules::RuleId;
use crate::source::{FileId, Span};
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
    pub fn parse(s: &str) -> Option<Severity> {
        match s {
            "info" => Some(Severity::Info),
            "warning" => Some(Severity::Warning),
            "error" => Some(Severity::Error),
            _ => None,
        }
    }
}

/// Another place that explains a finding (the policy that lacks a grant, the rule that needs it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Related {
    pub file: FileId,
    pub span: Span,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub rule: RuleId,
    pub severity: Severity,
    pub message: String,
    pub file: FileId,
    /// The exact offending text (an action string, not its whole statement).
    pub span: Span,
    /// Label shown on the span; defaults to the message.
    pub label: Option<String>,
    /// The logical resource or document the finding concerns.
    pub resource: Option<String>,
    /// The CDK construct path of that resource (`aws:cdk:path` metadata), for CDK output.
    pub construct: Option<String>,
    pub help: Option<String>,
    pub related: Vec<Related>,
}

impl Finding {
    pub fn new(
        rule: RuleId,
        severity: Severity,
        file: FileId,
        span: Span,
        message: impl Into<String>,
    ) -> Self {
        Finding {
            rule,
            severity,
            message: message.into(),
            file,
            span,
            label: None,
            resource: None,
            construct: None,
            help: None,
            related: Vec::new(),
        }
    }
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }
    pub fn resource(mut self, r: Option<String>) -> Self {
        self.resource = r;
        self
    }
    pub fn related(mut self, file: FileId, span: Span, message: impl Into<String>) -> Self {
        self.related.push(Related {
            file,
            span,
            message: message.into(),
        });
        self
    }
}
