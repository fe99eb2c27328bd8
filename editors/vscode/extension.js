// Starts `scout lsp` for .scout files (diagnostics, completion, hover, go to definition,
// references, rename, document symbols, formatting and signature help) through
// vscode-languageclient. The `scout.path` setting names the scout binary (default: `scout`
// on PATH).
"use strict";

const vscode = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");

let client;

function activate(context) {
  const command = vscode.workspace.getConfiguration("scout").get("path") || "scout";
  const serverOptions = { command, args: ["lsp"] };
  const clientOptions = {
    documentSelector: [
      { scheme: "file", language: "scout" },
      { scheme: "untitled", language: "scout" },
    ],
  };
  client = new LanguageClient("scout", "Scout language server", serverOptions, clientOptions);
  context.subscriptions.push({ dispose: () => (client ? client.stop() : undefined) });
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
