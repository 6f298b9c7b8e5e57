// Starts `trustlint lsp` for JSON and YAML files of the workspace; everything else (diagnostics across
// files, quick fixes, hover, completion) is the server's.
"use strict";

const vscode = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");

let client;

function activate(context) {
  const configured = vscode.workspace.getConfiguration("trustlint").get("path");
  const command = configured && configured.length > 0 ? configured : "trustlint";
  const serverOptions = { command, args: ["lsp"] };
  const clientOptions = {
    documentSelector: [
      { scheme: "file", language: "json" },
      { scheme: "file", language: "jsonc" },
      { scheme: "file", language: "yaml" },
    ],
    synchronize: {
      // A changed trustlint.toml or a template changed outside the editor re-checks the workspace.
      fileEvents: vscode.workspace.createFileSystemWatcher("**/{trustlint.toml,*.json,*.yaml,*.yml,*.template}"),
    },
  };
  client = new LanguageClient("trustlint", "trustlint", serverOptions, clientOptions);
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration("trustlint.path")) {
        vscode.window.showInformationMessage("trustlint: reload the window to use the new trustlint.path");
      }
    })
  );
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
