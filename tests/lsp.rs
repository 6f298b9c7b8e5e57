//! `trustlint lsp` driven over stdio with real LSP JSON-RPC messages, as an editor does: the
//! cross-account KMS finding of the tutorial's SSE-KMS templates is shown in the source template,
//! follows edits of the destination key policy (another file), and its quick fix repairs it.
//! Every read has a timeout, so a broken server fails the test instead of hanging it.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code: a panic is a failed assertion"
)]

mod common;

use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

const TIMEOUT: Duration = Duration::from_secs(60);
const XACCT: &str = "KMS-DST-KEYPOLICY-XACCT";

struct Client {
    child: Child,
    stdin: ChildStdin,
    rx: Receiver<Value>,
    next_id: i64,
    /// Notifications received while waiting for something else.
    pending: Vec<Value>,
}

fn file_uri(p: &Path) -> String {
    // Temporary directories have no characters that need escaping.
    format!("file://{}", p.display())
}

impl Client {
    fn start(cwd: &Path) -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_trustlint"))
            .arg("lsp")
            .current_dir(cwd)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start trustlint lsp");
        let stdin = child.stdin.take().unwrap();
        let mut out = BufReader::new(child.stdout.take().unwrap());
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || loop {
            let mut len = None;
            loop {
                let mut line = String::new();
                if out.read_line(&mut line).unwrap_or(0) == 0 {
                    return;
                }
                let line = line.trim_end();
                if line.is_empty() {
                    break;
                }
                if let Some(v) = line.strip_prefix("Content-Length: ") {
                    len = v.parse::<usize>().ok();
                }
            }
            let mut body = vec![0; len.expect("Content-Length header")];
            if out.read_exact(&mut body).is_err() {
                return;
            }
            let v: Value = serde_json::from_slice(&body).expect("a JSON-RPC message");
            if tx.send(v).is_err() {
                return;
            }
        });
        Client {
            child,
            stdin,
            rx,
            next_id: 1,
            pending: Vec::new(),
        }
    }

    fn send(&mut self, msg: Value) {
        let body = msg.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        self.stdin.flush().unwrap();
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    fn recv(&mut self, deadline: Instant) -> Value {
        let left = deadline.saturating_duration_since(Instant::now());
        self.rx
            .recv_timeout(left)
            .expect("the server answered within the timeout")
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let m = self.recv(deadline);
            if m["id"] == json!(id) && m.get("method").is_none() {
                assert!(m.get("error").is_none(), "{method} failed: {m}");
                return m["result"].clone();
            }
            self.pending.push(m);
        }
    }

    /// The next diagnostics published for `uri` that satisfy `want`.
    fn diagnostics_until(&mut self, uri: &str, want: impl Fn(&[Value]) -> bool) -> Vec<Value> {
        let deadline = Instant::now() + TIMEOUT;
        let mut last = None;
        loop {
            let m = if self.pending.is_empty() {
                self.recv(deadline)
            } else {
                self.pending.remove(0)
            };
            if m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri {
                let d = m["params"]["diagnostics"].as_array().unwrap().clone();
                if want(&d) {
                    return d;
                }
                last = Some(d);
            }
            assert!(
                Instant::now() < deadline,
                "no matching diagnostics for {uri}; last: {last:?}"
            );
        }
    }
}

fn has_rule(d: &[Value], rule: &str) -> bool {
    d.iter().any(|x| x["code"] == rule)
}

/// Byte offset of an LSP position in an ASCII text.
fn offset(text: &str, pos: &Value) -> usize {
    let line = pos["line"].as_u64().unwrap() as usize;
    let col = pos["character"].as_u64().unwrap() as usize;
    let start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
    start + col
}

fn position_of(text: &str, needle: &str) -> Value {
    let at = text.find(needle).expect(needle);
    let line = text[..at].matches('\n').count();
    let col = at - text[..at].rfind('\n').map_or(0, |i| i + 1);
    json!({"line": line, "character": col})
}

#[test]
fn cross_file_diagnostics_quick_fix_hover_completion() {
    let tmp = tempfile::tempdir().unwrap();
    let ws = tmp.path().canonicalize().unwrap();
    let ex = common::root().join("examples/replication-sse-kms");
    let source = std::fs::read_to_string(ex.join("source.json")).unwrap();
    // The example's destination key policy does not admit the source role: the XACCT error.
    let broken = std::fs::read_to_string(ex.join("destination.json")).unwrap();
    std::fs::write(ws.join("source.json"), &source).unwrap();
    std::fs::write(ws.join("destination.json"), &broken).unwrap();
    let src_uri = file_uri(&ws.join("source.json"));
    let dst_uri = file_uri(&ws.join("destination.json"));

    let mut c = Client::start(&ws);
    let init = c.request(
        "initialize",
        json!({
            "processId": null,
            "rootUri": file_uri(&ws),
            "workspaceFolders": [{"uri": file_uri(&ws), "name": "ws"}],
            "capabilities": {}
        }),
    );
    assert_eq!(init["capabilities"]["textDocumentSync"]["change"], 1);
    assert_eq!(init["capabilities"]["hoverProvider"], true);
    c.notify("initialized", json!({}));
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": dst_uri, "languageId": "json", "version": 1, "text": broken}}),
    );

    // 1. The finding is shown on the source template, pointing at the destination key policy.
    let diags = c.diagnostics_until(&src_uri, |d| has_rule(d, XACCT));
    let x = diags.iter().find(|d| d["code"] == XACCT).unwrap();
    assert_eq!(x["severity"], 1, "{x}");
    assert_eq!(x["source"], "trustlint");
    assert_eq!(
        x["codeDescription"]["href"],
        format!("https://github.com/trustlint/trustlint/blob/main/rules/{XACCT}.md")
    );
    assert!(
        x["message"]
            .as_str()
            .unwrap()
            .contains("add to the key policy"),
        "{x}"
    );
    let related = x["relatedInformation"]
        .as_array()
        .expect("related locations");
    let key_policy = related
        .iter()
        .find(|r| r["location"]["uri"] == dst_uri)
        .expect("the destination key policy is a related location");
    let kp = &key_policy["location"]["range"]["start"];
    assert_eq!(
        &broken[offset(&broken, kp)..offset(&broken, kp) + 1],
        "{",
        "the related range starts at the key policy object"
    );
    // The finding's own range is real text of the source template.
    let (s, e) = (
        offset(&source, &x["range"]["start"]),
        offset(&source, &x["range"]["end"]),
    );
    assert!(s < e && e <= source.len(), "{x}");

    // 2. The quick fix inserts the statement into the destination key policy.
    let actions = c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": src_uri}, "range": x["range"], "context": {"diagnostics": [x]}}),
    );
    let fix = actions
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["kind"] == "quickfix")
        .unwrap_or_else(|| panic!("a quick fix: {actions}"));
    let edits = fix["edit"]["changes"][&dst_uri].as_array().unwrap();
    assert_eq!(edits.len(), 1);
    let at = offset(&broken, &edits[0]["range"]["start"]);
    assert_eq!(
        at,
        offset(&broken, &edits[0]["range"]["end"]),
        "an insertion"
    );
    let fixed = format!(
        "{}{}{}",
        &broken[..at],
        edits[0]["newText"].as_str().unwrap(),
        &broken[at..]
    );
    let v: Value = serde_json::from_str(&fixed).expect("the fixed file is JSON");
    let st = v["Resources"]["DestinationKey"]["Properties"]["KeyPolicy"]["Statement"]
        .as_array()
        .unwrap();
    assert_eq!(st.len(), 2, "{fixed}");
    assert_eq!(
        st[1]["Principal"]["AWS"],
        "arn:aws:iam::111111111111:role/service-role/s3crr_role_for_tutorial-c"
    );

    // 3. Editing the destination (another file) clears the finding in the source template.
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": dst_uri, "version": 2}, "contentChanges": [{"text": fixed}]}),
    );
    c.diagnostics_until(&src_uri, |d| !has_rule(d, XACCT));

    // 4. Breaking it again brings the finding back.
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": dst_uri, "version": 3}, "contentChanges": [{"text": broken}]}),
    );
    let again = c.diagnostics_until(&src_uri, |d| has_rule(d, XACCT));

    // 4b. "Ignore this rule here" suppresses it in the source template's resource; closing the
    //     buffer (the file on disk never had the ignore) brings it back.
    let x = again.into_iter().find(|d| d["code"] == XACCT).unwrap();
    let actions = c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": src_uri}, "range": x["range"], "context": {"diagnostics": [x]}}),
    );
    let ignore = actions
        .as_array()
        .unwrap()
        .iter()
        .find(|a| {
            a["title"]
                .as_str()
                .unwrap()
                .starts_with(&format!("Ignore {XACCT}"))
        })
        .unwrap_or_else(|| panic!("an ignore action: {actions}"));
    let e = &ignore["edit"]["changes"][&src_uri][0];
    let at = offset(&source, &e["range"]["start"]);
    let ignored = format!(
        "{}{}{}",
        &source[..at],
        e["newText"].as_str().unwrap(),
        &source[at..]
    );
    assert!(
        ignored.contains(&format!("\"ignore\": [\"{XACCT}\"]")),
        "{ignored}"
    );
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": src_uri, "languageId": "json", "version": 1, "text": ignored}}),
    );
    c.diagnostics_until(&src_uri, |d| !has_rule(d, XACCT));
    c.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": src_uri}}),
    );
    c.diagnostics_until(&src_uri, |d| has_rule(d, XACCT));

    // 5. Hover on an action of the source role's policy: its catalog entry.
    let h = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": src_uri}, "position": position_of(&source, "s3:GetReplicationConfiguration")}),
    );
    let md = h["contents"]["value"].as_str().expect("hover text");
    assert!(md.starts_with("**s3:GetReplicationConfiguration**"), "{md}");
    assert!(md.contains("Access level: **Read**"), "{md}");
    assert!(md.contains("IAM catalog data of "), "{md}");
    // Not an action (a bucket name): no hover.
    let none = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": src_uri}, "position": position_of(&source, "tutorial-c-source-111111111111\"")}),
    );
    assert!(none.is_null(), "{none}");

    // 6. Completion of action names after `kms:` in a policy being typed.
    let typing = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"kms:Gen";
    let p_uri = file_uri(&ws.join("policy.json"));
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": p_uri, "languageId": "json", "version": 1, "text": typing}}),
    );
    let items = c.request(
        "textDocument/completion",
        json!({"textDocument": {"uri": p_uri}, "position": {"line": 0, "character": typing.len()}}),
    );
    let items = items.as_array().expect("completion items");
    let gen = items
        .iter()
        .find(|i| i["label"] == "kms:GenerateDataKey")
        .unwrap_or_else(|| panic!("kms:GenerateDataKey offered: {items:?}"));
    assert_eq!(gen["detail"], "Write");
    assert_eq!(
        gen["textEdit"]["range"]["start"]["character"],
        typing.len() - 7
    );
    // The unfinished buffer is a PARSE finding of its own file, and does not disturb the others.
    c.diagnostics_until(&p_uri, |d| has_rule(d, "PARSE"));

    // 7. Closing the unfinished buffer (no file on disk) clears its diagnostics.
    c.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": p_uri}}),
    );
    c.diagnostics_until(&p_uri, |d| d.is_empty());

    let r = c.request("shutdown", Value::Null);
    assert!(r.is_null());
    c.notify("exit", Value::Null);
    let deadline = Instant::now() + TIMEOUT;
    loop {
        if let Some(status) = c.child.try_wait().unwrap() {
            assert!(status.success(), "{status}");
            break;
        }
        assert!(Instant::now() < deadline, "the server exits after `exit`");
        std::thread::sleep(Duration::from_millis(20));
    }
}

const EXPORTER: &str = "AWSTemplateFormatVersion: \"2010-09-09\"
Metadata:
  trustlint: {account: \"333333333333\", region: eu-west-1}
Parameters:
  Env: {Type: String, Default: prod}
Resources:
  SharedKey:
    Type: AWS::KMS::Key
    Properties:
      KeyPolicy:
        Version: \"2012-10-17\"
        Statement:
          - Effect: Allow
            Principal: {AWS: !Sub \"arn:aws:iam::${AWS::AccountId}:root\"}
            Action: kms:*
            Resource: \"*\"
Outputs:
  KeyArn:
    Value: !GetAtt SharedKey.Arn
    Export:
      Name: !Sub \"${Env}-shared-key\"
";

const IMPORTER: &str = "AWSTemplateFormatVersion: \"2010-09-09\"
Metadata:
  trustlint: {account: \"333333333333\", region: eu-west-1}
Resources:
  Reader:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: \"2012-10-17\"
        Statement:
          - Effect: Allow
            Principal: {Service: lambda.amazonaws.com}
            Action: sts:AssumeRole
      Policies:
        - PolicyName: read
          PolicyDocument:
            Version: \"2012-10-17\"
            Statement:
              - Effect: Allow
                Action: kms:Decrypt
                Resource: !ImportValue prod-shared-key
  Logs:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: !Sub \"${AWS::StackName}-${Reader}-logs\"
      Tags:
        - {Key: role, Value: !GetAtt Reader.Arn}
";

/// `textDocument/definition` at the first `needle` (+1, inside it) of `text`: the one location.
fn definition(c: &mut Client, uri: &str, text: &str, needle: &str) -> Value {
    let mut pos = position_of(text, needle);
    pos["character"] = json!(pos["character"].as_u64().unwrap() + 1);
    let r = c.request(
        "textDocument/definition",
        json!({"textDocument": {"uri": uri}, "position": pos}),
    );
    assert!(r.is_object(), "one location for {needle}: {r}");
    r
}

#[test]
fn go_to_definition_within_and_across_templates() {
    let tmp = tempfile::tempdir().unwrap();
    let ws = tmp.path().canonicalize().unwrap();
    let ex = common::root().join("examples/replication-sse-kms");
    let source = std::fs::read_to_string(ex.join("source.json")).unwrap();
    let dest = std::fs::read_to_string(ex.join("destination.json")).unwrap();
    std::fs::write(ws.join("source.json"), &source).unwrap();
    std::fs::write(ws.join("destination.json"), &dest).unwrap();
    std::fs::write(ws.join("exporter.yaml"), EXPORTER).unwrap();
    std::fs::write(ws.join("importer.yaml"), IMPORTER).unwrap();
    let uri = |n: &str| file_uri(&ws.join(n));

    let mut c = Client::start(&ws);
    let init = c.request(
        "initialize",
        json!({"processId": null, "rootUri": file_uri(&ws), "capabilities": {}}),
    );
    assert_eq!(init["capabilities"]["definitionProvider"], true);
    c.notify("initialized", json!({}));
    let lands = |loc: &Value, file: &str, text: &str, key: &str| {
        assert_eq!(loc["uri"], uri(file), "{loc}");
        assert_eq!(loc["range"]["start"], position_of(text, key), "{loc}");
    };

    // A literal role ARN in the destination's bucket policy → the role in the source template.
    let role_arn = "arn:aws:iam::111111111111:role/service-role/s3crr_role_for_tutorial-c";
    let d = definition(&mut c, &uri("destination.json"), &dest, role_arn);
    lands(&d, "source.json", &source, "\"ReplicationRole\": {");
    // The destination key's ARN written in the source's replication rule → the key (pinned ARN).
    let d = definition(&mut c, &uri("source.json"), &source, "arn:aws:kms:");
    lands(&d, "destination.json", &dest, "\"DestinationKey\": {");
    // A bucket ARN → the bucket.
    let d = definition(
        &mut c,
        &uri("source.json"),
        &source,
        "arn:aws:s3:::tutorial-c-destination",
    );
    lands(&d, "destination.json", &dest, "\"DestinationBucket\": {");
    // `Fn::GetAtt` list form, `Ref`, `Fn::Sub` `${Resource.Attr}` within a template.
    let d = definition(&mut c, &uri("source.json"), &source, "ReplicationRole\",");
    lands(&d, "source.json", &source, "\"ReplicationRole\": {");
    let d = definition(&mut c, &uri("destination.json"), &dest, "\"Ref\"");
    lands(&d, "destination.json", &dest, "\"DestinationBucket\": {");
    let d = definition(
        &mut c,
        &uri("destination.json"),
        &dest,
        "${DestinationBucket.Arn}",
    );
    lands(&d, "destination.json", &dest, "\"DestinationBucket\": {");
    // YAML: `!ImportValue` → the output exporting that name (built with `!Sub` from a parameter's
    // default) in another template; `!GetAtt A.B` and `!Sub "${A}"` within the template.
    let d = definition(&mut c, &uri("importer.yaml"), IMPORTER, "prod-shared-key");
    lands(&d, "exporter.yaml", EXPORTER, "KeyArn:");
    let d = definition(&mut c, &uri("importer.yaml"), IMPORTER, "Reader.Arn");
    lands(&d, "importer.yaml", IMPORTER, "Reader:");
    let d = definition(&mut c, &uri("importer.yaml"), IMPORTER, "${Reader}");
    lands(&d, "importer.yaml", IMPORTER, "Reader:");
    let d = definition(&mut c, &uri("exporter.yaml"), EXPORTER, "${Env}");
    lands(&d, "exporter.yaml", EXPORTER, "Env:");
    // A pseudo parameter and a plain word name nothing.
    for (text, file, needle) in [
        (IMPORTER, "importer.yaml", "${AWS::StackName}"),
        (IMPORTER, "importer.yaml", "PolicyName: read"),
    ] {
        let mut pos = position_of(text, needle);
        pos["character"] = json!(pos["character"].as_u64().unwrap() + 2);
        let r = c.request(
            "textDocument/definition",
            json!({"textDocument": {"uri": uri(file)}, "position": pos}),
        );
        assert!(r.is_null(), "{needle}: {r}");
    }
    // Editing the importer (unsaved) is followed: the buffer's new reference resolves.
    let edited = IMPORTER.replace("!GetAtt Reader.Arn", "!GetAtt Logs.Arn");
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri("importer.yaml"), "languageId": "yaml", "version": 1, "text": edited}}),
    );
    let d = definition(&mut c, &uri("importer.yaml"), &edited, "Logs.Arn");
    lands(&d, "importer.yaml", &edited, "Logs:");

    c.request("shutdown", Value::Null);
    c.notify("exit", Value::Null);
}

#[test]
fn replace_unknown_action_quick_fix_in_yaml() {
    let tmp = tempfile::tempdir().unwrap();
    let ws = tmp.path().canonicalize().unwrap();
    let text = "Resources:\n  R:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument:\n        Version: \"2012-10-17\"\n        Statement:\n          - Effect: Allow\n            Principal: {Service: lambda.amazonaws.com}\n            Action: sts:AssumeRole\n      Policies:\n        - PolicyName: p\n          PolicyDocument:\n            Version: \"2012-10-17\"\n            Statement:\n              - Effect: Allow\n                Action: ['s3:ReplicateObjects', s3:GetObjectAc]\n                Resource: \"*\"\n";
    let u = file_uri(&ws.join("role.yaml"));
    let mut c = Client::start(&ws);
    c.request(
        "initialize",
        json!({"processId": null, "rootUri": file_uri(&ws), "capabilities": {}}),
    );
    c.notify("initialized", json!({}));
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": u, "languageId": "yaml", "version": 1, "text": text}}),
    );
    let d = c.diagnostics_until(&u, |d| {
        d.iter()
            .filter(|x| x["code"] == "POL-UNKNOWN-ACTION")
            .count()
            == 2
    });
    let actions_for = |c: &mut Client, needle: &str| {
        let x = d
            .iter()
            .find(|x| {
                x["code"] == "POL-UNKNOWN-ACTION"
                    && x["range"]["start"] == position_of(text, needle)
            })
            .unwrap_or_else(|| panic!("a finding at {needle}: {d:?}"))
            .clone();
        let a = c.request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": u}, "range": x["range"], "context": {"diagnostics": [x]}}),
        );
        a.as_array().unwrap().clone()
    };
    // The typo with one close action: replaced, keeping the single quotes.
    let a = actions_for(&mut c, "'s3:ReplicateObjects'");
    let fix = a
        .iter()
        .find(|a| a["title"].as_str().unwrap().starts_with("Replace"))
        .unwrap_or_else(|| panic!("a replace action: {a:?}"));
    assert_eq!(fix["isPreferred"], true);
    let e = &fix["edit"]["changes"][&u][0];
    assert_eq!(e["newText"], "'s3:ReplicateObject'");
    assert_eq!(
        e["range"]["start"],
        position_of(text, "'s3:ReplicateObjects'")
    );
    // Several close actions: no replace action.
    let a = actions_for(&mut c, "s3:GetObjectAc]");
    assert!(
        !a.iter()
            .any(|a| a["title"].as_str().unwrap().starts_with("Replace")),
        "{a:?}"
    );
    c.request("shutdown", Value::Null);
    c.notify("exit", Value::Null);
}
