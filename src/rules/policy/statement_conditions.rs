//! Questions several condition rules ask of a statement's `Condition` block.

use crate::model::{CondOp, Condition, Statement};

/// The statement's conditions whose operator parses, with the parsed operator.
pub fn parsed_conditions(st: &Statement) -> impl Iterator<Item = (CondOp, &Condition)> {
    st.conditions
        .iter()
        .filter_map(|c| CondOp::parse(&c.operator.value).map(|op| (op, c)))
}

/// Does the statement carry `"Null": {"<key>": "false"}` (key case-insensitive)?
pub fn has_null_false(st: &Statement, key: &str) -> bool {
    st.conditions.iter().any(|c| {
        c.operator.value == "Null"
            && c.key.value.eq_ignore_ascii_case(key)
            && c.values
                .iter()
                .any(|v| v.value.eq_ignore_ascii_case("false"))
    })
}
