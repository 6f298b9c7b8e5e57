//! The whole check pipeline over up to four files split from one input (`\0FILE\0` separates them;
//! the first line of each part is its file name). Invariants: see `trustlint::fuzzing::check_pipeline`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let files: Vec<(String, Vec<u8>)> = data
        .split(|&b| b == 0)
        .filter(|p| !p.is_empty())
        .take(4)
        .map(|part| {
            let (name, body) = match part.iter().position(|&b| b == b'\n') {
                Some(i) => (&part[..i], &part[i + 1..]),
                None => (&b"input.json"[..], part),
            };
            (String::from_utf8_lossy(name).into_owned(), body.to_vec())
        })
        .collect();
    trustlint::fuzzing::check_pipeline(&files);
});
