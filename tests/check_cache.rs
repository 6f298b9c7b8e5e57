//! The editor's incremental check ([`CheckCache`]) gives exactly what a full check gives, while
//! reusing the files that did not change: the tutorial's cross-account templates, a pair linked by
//! `Fn::ImportValue`, and standalone policies, edited one file at a time.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code: a panic is a failed assertion"
)]

mod common;

use std::path::PathBuf;
use std::sync::Arc;
use trustlint::check_cache::CheckCache;
use trustlint::config::Config;
use trustlint::{lint_inputs, Input};

fn inputs() -> Vec<Input> {
    let mut v: Vec<PathBuf> = ["examples/replication-sse-kms", "examples/policies"]
        .iter()
        .flat_map(|d| std::fs::read_dir(common::root().join(d)).unwrap())
        .map(|e| e.unwrap().path())
        .collect();
    v.sort();
    v.into_iter().map(Input::file).collect()
}

const EXPORTER: &str = "Resources:\n  K:\n    Type: AWS::KMS::Key\nOutputs:\n  O:\n    Value: !GetAtt K.Arn\n    Export: {Name: the-key}\n";
const IMPORTER: &str = "Resources:\n  R:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument: {Version: \"2012-10-17\", Statement: [{Effect: Allow, Principal: {Service: lambda.amazonaws.com}, Action: \"sts:AssumeRole\"}]}\n      Policies: [{PolicyName: p, PolicyDocument: {Version: \"2012-10-17\", Statement: [{Effect: Allow, Action: \"kms:Decrypt\", Resource: !ImportValue the-key}]}}]\n";

fn buffer(path: &str, text: &str) -> Input {
    Input {
        path: PathBuf::from(path),
        text: Some(Arc::from(text)),
        unreadable: None,
    }
}

/// The findings and templates of a report, compared as text (every field, in order).
fn summary(r: &trustlint::Report) -> String {
    format!(
        "{:?}\n{:?}\n{} {} {:?}",
        r.findings,
        r.templates
            .iter()
            .map(|t| (&t.stack_key, t.resources.len(), &t.outputs))
            .collect::<Vec<_>>(),
        r.files,
        r.documents,
        r.classified
    )
}

#[test]
fn incremental_check_equals_a_full_check_and_reuses_unchanged_files() {
    let cfg = Config::default();
    let mut files = inputs();
    files.push(buffer("ws/exporter.yaml", EXPORTER));
    files.push(buffer("ws/importer.yaml", IMPORTER));
    let n = files.len();
    let mut cache = CheckCache::default();

    let first = cache.check(&files, &cfg);
    assert_eq!(summary(&first), summary(&lint_inputs(&files, &cfg)));
    assert_eq!(cache.reused, 0);
    assert!(first
        .findings
        .iter()
        .any(|f| f.rule == "KMS-DST-KEYPOLICY-XACCT"));

    // Nothing changed: every file reused, same report.
    let again = cache.check(&files, &cfg);
    assert_eq!(cache.reused, n);
    assert_eq!(summary(&again), summary(&first));

    // The destination key policy admits the role (as the quick fix makes it): only that file is
    // checked again, and the cross-account finding of the *other* file goes away.
    let dst = files
        .iter()
        .position(|i| i.path.ends_with("destination.json"))
        .unwrap();
    let text = std::fs::read_to_string(&files[dst].path).unwrap();
    let fixed = text.replacen(
        "\"Action\": \"kms:*\",\n              \"Resource\": \"*\"\n            }",
        "\"Action\": \"kms:*\",\n              \"Resource\": \"*\"\n            },\n            {\"Effect\": \"Allow\", \"Principal\": {\"AWS\": \"arn:aws:iam::111111111111:role/service-role/s3crr_role_for_tutorial-c\"}, \"Action\": [\"kms:Encrypt\", \"kms:GenerateDataKey\"], \"Resource\": \"*\"}",
        1,
    );
    assert_ne!(fixed, text);
    files[dst] = buffer(files[dst].path.to_str().unwrap(), &fixed);
    let edited = cache.check(&files, &cfg);
    assert_eq!(cache.reused, n - 1);
    assert_eq!(summary(&edited), summary(&lint_inputs(&files, &cfg)));
    assert!(!edited
        .findings
        .iter()
        .any(|f| f.rule == "KMS-DST-KEYPOLICY-XACCT"));

    // Renaming the export changes what the importer resolves to: every template is resolved again
    // (the standalone policies are still reused), and the result is again the full check's.
    let templates = first.templates.len();
    files[n - 2] = buffer(
        "ws/exporter.yaml",
        &EXPORTER.replace("the-key", "other-key"),
    );
    let renamed = cache.check(&files, &cfg);
    assert_eq!(summary(&renamed), summary(&lint_inputs(&files, &cfg)));
    assert_eq!(cache.reused, n - templates);
    assert_ne!(summary(&renamed), summary(&edited));

    // A file removed from the list shifts the file ids after it: nothing stale is reused.
    files.remove(0);
    let shifted = cache.check(&files, &cfg);
    assert_eq!(summary(&shifted), summary(&lint_inputs(&files, &cfg)));
}
