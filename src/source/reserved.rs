//! Two private-use code points reserved for the model's symbol references
//! ([`crate::model::symbolic`]). Decoded user text never contains them: the parsers replace them by
//! U+FFFD (the replacement character), so a user string can never be read as an unknown value. The
//! policy character rules still see a character outside the allowed set there.

/// Opens a symbol reference.
pub const SYM_OPEN: char = '\u{E000}';
/// Closes a symbol reference.
pub const SYM_CLOSE: char = '\u{E001}';

/// Decoded user text with the reserved code points replaced.
pub fn clean(s: String) -> String {
    if is_dirty(&s) {
        s.replace([SYM_OPEN, SYM_CLOSE], "\u{FFFD}")
    } else {
        s
    }
}

/// Whether decoded text holds a reserved code point.
pub fn is_dirty(s: &str) -> bool {
    s.contains([SYM_OPEN, SYM_CLOSE])
}

/// [`clean`] for borrowed text.
pub fn clean_str(s: &str) -> String {
    if is_dirty(s) {
        s.replace([SYM_OPEN, SYM_CLOSE], "\u{FFFD}")
    } else {
        s.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reserved_code_points_never_survive_decoding() {
        assert_eq!(
            clean("s3:Get\u{E000}Obj\u{E001}ect".into()),
            "s3:Get\u{FFFD}Obj\u{FFFD}ect"
        );
        assert_eq!(clean("plain".into()), "plain");
        let j = crate::source::json::parse(r#"{"Action": "s3:Get\ue000Obj\uE001ect"}"#).unwrap();
        assert_eq!(
            j.get("Action").and_then(|n| n.as_str()),
            Some("s3:Get\u{FFFD}Obj\u{FFFD}ect")
        );
        let y =
            crate::source::yaml::parse("Action: \"s3:Get\\ue000Obj\\ue001ect\"\n\u{E000}k: v\n")
                .unwrap();
        assert_eq!(
            y[0].get("Action").and_then(|n| n.as_str()),
            Some("s3:Get\u{FFFD}Obj\u{FFFD}ect")
        );
        assert!(y[0].get("\u{FFFD}k").is_some());
    }
}
