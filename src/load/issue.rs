//! What a loader could not accept or could not know, as typed values.
//!
//! Loaders sit below the rules: they say *what* they met (an unknown reference, a malformed intrinsic, a
//! limit hit, invalid JSON) and where; `rules::load_issues` decides which rule reports it and how it is
//! worded. So the rule ids, severities and help texts of these findings live under `rules/`, and the
//! loaders import nothing from there.

use crate::source::{FileId, Span};

/// One thing a loader met in a file, at the exact text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadIssue {
    pub file: FileId,
    pub span: Span,
    pub kind: IssueKind,
    /// The resource the text lies in (`Bucket (AWS::S3::Bucket)`), when the loader knows it.
    pub resource: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IssueKind {
    /// The file cannot be read or parsed as what it claims to be.
    Parse {
        message: String,
        label: Option<String>,
        help: Option<String>,
    },
    /// A reference that names nothing (`what`: "resource or parameter", "condition", …).
    UnknownReference {
        what: String,
        name: String,
        suggestion: Option<String>,
    },
    /// An `Fn::` function CloudFormation does not define (`name` as written, `!Tag` or `Fn::Name`).
    UnknownIntrinsic {
        name: String,
        suggestion: Option<String>,
    },
    /// An intrinsic whose arguments have the wrong shape.
    MalformedIntrinsic { name: String, expected: String },
    /// Invalid `Metadata.trustlint` (binding, pinned identifiers, suppressions).
    Metadata { message: String, help: String },
    /// An `AWS::LanguageExtensions` loop that could not be expanded, and why.
    LoopNotExpanded { what: String, why: String },
    /// A value over one of trustlint's analysis limits (`limit` names it).
    Limit { limit: String, message: String },
    /// A value defined in terms of itself.
    Cycle { message: String },
    /// A policy whose text is built from values not known statically (`what` shows them).
    PolicyNotKnown { what: String },
}

impl LoadIssue {
    pub fn new(file: FileId, span: Span, kind: IssueKind) -> LoadIssue {
        LoadIssue {
            file,
            span,
            kind,
            resource: None,
        }
    }

    /// A PARSE issue with its message only.
    pub fn parse(file: FileId, span: Span, message: impl Into<String>) -> LoadIssue {
        LoadIssue::new(
            file,
            span,
            IssueKind::Parse {
                message: message.into(),
                label: None,
                help: None,
            },
        )
    }

    /// Invalid `Metadata.trustlint`: what is wrong and how to write it.
    pub fn metadata(
        file: FileId,
        span: Span,
        message: impl Into<String>,
        help: impl Into<String>,
    ) -> LoadIssue {
        LoadIssue::new(
            file,
            span,
            IssueKind::Metadata {
                message: message.into(),
                help: help.into(),
            },
        )
    }

    /// The label under the span (PARSE issues only; others word their own).
    pub fn label(mut self, text: impl Into<String>) -> LoadIssue {
        if let IssueKind::Parse { label, .. } = &mut self.kind {
            *label = Some(text.into());
        }
        self
    }

    /// The help line (PARSE issues only; others word their own).
    pub fn help(mut self, text: impl Into<String>) -> LoadIssue {
        if let IssueKind::Parse { help, .. } = &mut self.kind {
            *help = Some(text.into());
        }
        self
    }

    /// Issues of one class at one span are one issue (a value reached twice while resolving); limits and
    /// cycles are one class, as they are one rule.
    pub fn dedup_key(&self) -> (u32, u32, u8) {
        let class = match self.kind {
            IssueKind::Parse { .. } => 0,
            IssueKind::UnknownReference { .. } => 1,
            IssueKind::UnknownIntrinsic { .. } | IssueKind::MalformedIntrinsic { .. } => 2,
            IssueKind::Metadata { .. } => 3,
            IssueKind::LoopNotExpanded { .. } => 4,
            IssueKind::Limit { .. } | IssueKind::Cycle { .. } => 5,
            IssueKind::PolicyNotKnown { .. } => 6,
        };
        (self.span.start, self.span.end, class)
    }
}
