//! Accounts: the 12-digit ids templates are bound to, or an unknown account of a template's own.

use super::input::Stack;
use super::symbolic::{display, Sym};
use std::collections::BTreeSet;

/// The account key of a stack: its bound account id, else a symbol naming the stack (an unknown
/// account of its own — equal only to itself).
pub fn account_key(s: &Stack) -> String {
    match &s.account {
        Some(a) => a.clone(),
        None => Sym::Pseudo {
            key: s.key.clone(),
            stack: s.name.clone(),
            name: "AWS::AccountId".into(),
        }
        .text(),
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Account {
    /// The account key (12 digits, or a symbol).
    pub key: String,
    /// Whether some analysed template is bound to it (else it is only referenced).
    pub defined: bool,
    /// Regions of the templates bound to it.
    pub regions: BTreeSet<String>,
    /// Stacks bound to it, in load order.
    pub stacks: Vec<String>,
}

impl Account {
    pub fn known(&self) -> bool {
        super::arn::is_account_id(&self.key)
    }
    /// `111111111111` or `‹AWS::AccountId of stack x›`.
    pub fn label(&self) -> String {
        display(&self.key)
    }
}
