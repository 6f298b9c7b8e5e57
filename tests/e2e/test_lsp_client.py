"""End-to-end: `trustlint lsp` driven by a real LSP client (pytest-lsp, which also checks every
message the server sends against the LSP specification).

The workspace is the tutorial's cross-account SSE-KMS pair (examples/replication-sse-kms) with a
destination key policy that admits the source account's replication role. The test drops the role
from the key policy in the editor buffer, waits for the cross-account error to appear in the *source*
template, applies the server's quick fix to the buffer and waits for the error to go away.

Run by tests/lsp_client.rs (cargo test) with TRUSTLINT_BIN and TRUSTLINT_EXAMPLES set.
"""
import asyncio
import atexit
import json
import os
import pathlib
import shutil
import tempfile

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

BIN = os.environ.get("TRUSTLINT_BIN", "trustlint")
EXAMPLES = pathlib.Path(os.environ.get("TRUSTLINT_EXAMPLES", "examples"))
XACCT = "KMS-DST-KEYPOLICY-XACCT"
ROLE = "arn:aws:iam::111111111111:role/service-role/s3crr_role_for_tutorial-c"
WS = pathlib.Path(tempfile.mkdtemp(prefix="trustlint-e2e-")).resolve()
atexit.register(shutil.rmtree, WS, True)
BROKEN = (EXAMPLES / "replication-sse-kms/destination.json").read_text()


def admitting() -> str:
    """The destination template whose key policy lets the replication role encrypt replicas."""
    t = json.loads(BROKEN)
    t["Resources"]["DestinationKey"]["Properties"]["KeyPolicy"]["Statement"].append({
        "Sid": "ReplicationRoleEncryptsReplicas",
        "Effect": "Allow",
        "Principal": {"AWS": ROLE},
        "Action": ["kms:Encrypt", "kms:GenerateDataKey"],
        "Resource": "*",
    })
    return json.dumps(t, indent=2) + "\n"


(WS / "source.json").write_text((EXAMPLES / "replication-sse-kms/source.json").read_text())
(WS / "destination.json").write_text(admitting())
SRC = (WS / "source.json").as_uri()
DST = (WS / "destination.json").as_uri()


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[BIN, "lsp"]))
async def client(lsp_client: LanguageClient):
    await lsp_client.initialize_session(types.InitializeParams(
        capabilities=types.ClientCapabilities(),
        root_uri=WS.as_uri(),
        workspace_folders=[types.WorkspaceFolder(uri=WS.as_uri(), name="ws")],
    ))
    yield
    await lsp_client.shutdown_session()


def codes(client: LanguageClient, uri: str) -> list:
    return [d.code for d in client.diagnostics.get(uri, [])]


async def until(client: LanguageClient, uri: str, want) -> list:
    """Wait (30 s at most) until the diagnostics published for `uri` satisfy `want`."""
    async def wait():
        while not want(codes(client, uri)):
            await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    await asyncio.wait_for(wait(), timeout=30)
    return client.diagnostics.get(uri, [])


def offset(text: str, pos: types.Position) -> int:
    """Byte-free offset of an LSP position (ASCII text: UTF-16 units are characters)."""
    lines = text.split("\n")
    return sum(len(l) + 1 for l in lines[:pos.line]) + pos.character


def apply(text: str, edits: list) -> str:
    for e in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
        text = text[:offset(text, e.range.start)] + e.new_text + text[offset(text, e.range.end):]
    return text


async def test_dropping_the_role_from_the_key_policy_shows_in_the_source_and_the_quick_fix_repairs_it(
        client: LanguageClient):
    good = (WS / "destination.json").read_text()
    client.text_document_did_open(types.DidOpenTextDocumentParams(
        text_document=types.TextDocumentItem(uri=DST, language_id="json", version=1, text=good)))
    # A request after the open: the server checks pending changes before answering it.
    await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=SRC),
        range=types.Range(start=types.Position(line=0, character=0), end=types.Position(line=0, character=0)),
        context=types.CodeActionContext(diagnostics=[])))
    assert XACCT not in codes(client, SRC), client.diagnostics.get(SRC)

    # 1. Drop the role's statement from the destination key policy (the buffer, unsaved).
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=DST, version=2),
        content_changes=[types.TextDocumentContentChangeWholeDocument(text=BROKEN)]))
    diags = await until(client, SRC, lambda c: XACCT in c)
    x = next(d for d in diags if d.code == XACCT)
    assert x.severity == types.DiagnosticSeverity.Error
    assert any(r.location.uri == DST for r in x.related_information or []), x

    # 2. The quick fix offered on the source's diagnostic edits the destination key policy.
    actions = await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=SRC), range=x.range,
        context=types.CodeActionContext(diagnostics=[x])))
    fix = next(a for a in actions if isinstance(a, types.CodeAction) and a.is_preferred)
    assert fix.kind == types.CodeActionKind.QuickFix
    fixed = apply(BROKEN, fix.edit.changes[DST])
    statements = json.loads(fixed)["Resources"]["DestinationKey"]["Properties"]["KeyPolicy"]["Statement"]
    assert any(s.get("Principal", {}).get("AWS") == ROLE for s in statements), fixed

    # 3. Applying it (as the editor does, to the buffer) clears the finding in the source template.
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=DST, version=3),
        content_changes=[types.TextDocumentContentChangeWholeDocument(text=fixed)]))
    await until(client, SRC, lambda c: XACCT not in c)

    # 4. Go to definition from the key policy's role ARN lands on the role in the source template.
    line = next(i for i, l in enumerate(fixed.split("\n")) if ROLE in l)
    col = fixed.split("\n")[line].index(ROLE) + 5
    loc = await client.text_document_definition_async(types.DefinitionParams(
        text_document=types.TextDocumentIdentifier(uri=DST), position=types.Position(line=line, character=col)))
    assert isinstance(loc, types.Location), loc
    src_lines = (WS / "source.json").read_text().split("\n")
    assert loc.uri == SRC and '"ReplicationRole": {' in src_lines[loc.range.start.line], loc
