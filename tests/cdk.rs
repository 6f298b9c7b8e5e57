//! CDK output: findings name the construct (`aws:cdk:path`) next to the template location.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code: a panic is a failed assertion"
)]

mod common;

#[test]
fn findings_in_cdk_output_carry_the_construct_path() {
    let (_, json) = common::check_json("fixtures/cdk");
    let findings = json["findings"].as_array().expect("findings");
    let typo = findings
        .iter()
        .find(|f| f["rule"] == "POL-UNKNOWN-ACTION")
        .unwrap_or_else(|| panic!("no unknown-action finding in {json:#}"));
    assert_eq!(
        typo["construct"],
        "AppStack/ReaderRole/DefaultPolicy/Resource"
    );
}
