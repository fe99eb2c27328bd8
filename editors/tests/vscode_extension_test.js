// Loads editors/vscode/extension.js with stand-ins for the `vscode` and
// `vscode-languageclient/node` modules (neither is installed here) and checks its wiring:
// activate() starts a LanguageClient for the scout language running `scout lsp` (or the
// `scout.path` setting), and deactivate() stops it. VS Code itself is not run.
//
//   node editors/tests/vscode_extension_test.js
"use strict";

const Module = require("module");
const path = require("path");
const assert = require("assert");

let setting;
const clients = [];
class LanguageClient {
  constructor(id, name, serverOptions, clientOptions) {
    Object.assign(this, { id, name, serverOptions, clientOptions, started: 0, stopped: 0 });
    clients.push(this);
  }
  start() { this.started += 1; return Promise.resolve(); }
  stop() { this.stopped += 1; return Promise.resolve(); }
}
const stand_ins = {
  vscode: {
    workspace: {
      getConfiguration(section) {
        assert.strictEqual(section, "scout");
        return { get: (key) => (key === "path" ? setting : undefined) };
      },
    },
  },
  "vscode-languageclient/node": { LanguageClient },
};
const load = Module._load;
Module._load = function (request, parent, isMain) {
  if (request in stand_ins) return stand_ins[request];
  return load.call(this, request, parent, isMain);
};

const file = path.join(__dirname, "..", "vscode", "extension.js");

async function run() {
  for (const [configured, expected] of [[undefined, "scout"], ["/opt/scout/bin/scout", "/opt/scout/bin/scout"]]) {
    delete require.cache[require.resolve(file)];
    const extension = require(file);
    setting = configured;
    const context = { subscriptions: [] };
    await extension.activate(context);
    const client = clients[clients.length - 1];
    assert.deepStrictEqual(client.serverOptions, { command: expected, args: ["lsp"] });
    assert.deepStrictEqual(client.clientOptions.documentSelector.map((s) => s.language), ["scout", "scout"]);
    assert.strictEqual(client.started, 1);
    await extension.deactivate();
    assert.strictEqual(client.stopped, 1);
    assert.strictEqual(context.subscriptions.length, 1);
  }
  const manifest = require(path.join(__dirname, "..", "vscode", "package.json"));
  assert.strictEqual(manifest.main, "./extension.js");
  assert.ok(manifest.activationEvents.includes("onLanguage:scout"));
  assert.strictEqual(manifest.contributes.configuration.properties["scout.path"].default, "scout");
  console.log("ok: editors/vscode/extension.js starts scout lsp and stops it");
}

run().catch((error) => {
  console.error(error);
  process.exit(1);
});
