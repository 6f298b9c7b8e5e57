//! `file://` URIs ↔ paths. LSP names documents by URI; the check works on paths.

use lsp_types::Uri;
use percent_encoding::{percent_decode_str, utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use std::path::{Path, PathBuf};
use std::str::FromStr;

/// Everything but RFC 3986 unreserved characters and the path separator is escaped.
const PATH: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b'/');

/// The `file://` URI of an absolute path.
pub fn from_path(path: &Path) -> Option<Uri> {
    let s = path.to_str()?;
    let s = s.replace('\\', "/");
    let lead = if s.starts_with('/') { "" } else { "/" };
    Uri::from_str(&format!("file://{lead}{}", utf8_percent_encode(&s, PATH))).ok()
}

/// The path of a `file://` URI (`file:///a/b`, `file://localhost/a/b`); other schemes are no file.
pub fn to_path(uri: &Uri) -> Option<PathBuf> {
    let rest = uri.as_str().strip_prefix("file://")?;
    let path = &rest[rest.find('/')?..];
    let decoded = percent_decode_str(path).decode_utf8().ok()?;
    // `file:///C:/x` on Windows.
    let d = decoded.as_ref();
    let d = match d.as_bytes() {
        [b'/', drive, b':', ..] if drive.is_ascii_alphabetic() && cfg!(windows) => &d[1..],
        _ => d,
    };
    Some(PathBuf::from(d))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_with_spaces_and_non_ascii() {
        let p = Path::new("/tmp/a dir/clé#1.json");
        let u = from_path(p).unwrap();
        assert_eq!(u.as_str(), "file:///tmp/a%20dir/cl%C3%A9%231.json");
        assert_eq!(to_path(&u).unwrap(), p);
        let l = Uri::from_str("file://localhost/x/y.json").unwrap();
        assert_eq!(to_path(&l).unwrap(), Path::new("/x/y.json"));
        assert!(to_path(&Uri::from_str("untitled:Untitled-1").unwrap()).is_none());
    }
}
