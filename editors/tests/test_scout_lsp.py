"""scout lsp driven by pytest-lsp (pygls), a second client beside Neovim: each request, with
the client capabilities pytest-lsp records for VS Code, Emacs (eglot) and Neovim. pytest-lsp
also checks that what the server sends fits the protocol.

    SCOUT_LSP_BIN=.build/debug/scout python3 -m pytest -q -p no:cacheprovider editors/tests/test_scout_lsp.py
"""
import os
import pathlib
import tempfile

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

SCOUT = os.environ.get("SCOUT_LSP_BIN", ".build/debug/scout")

SAMPLE = """\
# a sample for scout lsp
let label = "é中😀" + missing_name
parallel {
  # check the style
  task lint { run "true" }
  task build needs lint {
    retry 2
    run "true", quiet: true store as made
  }
}
command notify(message, channel = "#builds") {
  print "[${channel}] ${message}"
}
notify "done", channel: "#dev"
print build.st
print len( [1])
"""


def place(needle, offset=0):
    """The protocol position of `needle` in SAMPLE (all of it ASCII before the needle's column)."""
    for number, line in enumerate(SAMPLE.splitlines()):
        column = line.find(needle)
        if column >= 0:
            return types.Position(line=number, character=column + offset)
    raise AssertionError(f"{needle} is not in the sample")


@pytest_lsp.fixture(
    config=ClientServerConfig(server_command=[SCOUT, "lsp"]),
    params=["visual-studio-code", "emacs", "neovim"],
)
async def client(lsp_client: LanguageClient, request):
    await lsp_client.initialize_session(
        types.InitializeParams(capabilities=client_capabilities(request.param))
    )
    yield
    await lsp_client.shutdown_session()


@pytest.fixture
def document(tmp_path):
    path = pathlib.Path(tempfile.mkdtemp(dir=tmp_path)) / "sample.scout"
    path.write_text(SAMPLE, encoding="utf-8")
    return path.as_uri()


async def open_sample(client, uri):
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=uri, language_id="scout", version=1, text=SAMPLE)
        )
    )
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)


@pytest.mark.asyncio
async def test_diagnostics_in_utf16(client: LanguageClient, document):
    await open_sample(client, document)
    diagnostics = client.diagnostics[document]
    assert [d.message for d in diagnostics] == ["'missing_name' is never defined"]
    # "é中😀": 1 + 1 + 2 UTF-16 units; scout check says column 21 (scalars, from 1).
    start = diagnostics[0].range.start
    assert (start.line, start.character) == (1, len('let label = "é中😀" + '.encode("utf-16-le")) // 2)
    assert start.character == 21
    assert diagnostics[0].severity == types.DiagnosticSeverity.Error


@pytest.mark.asyncio
async def test_completion_hover_definition_references(client: LanguageClient, document):
    await open_sample(client, document)
    doc = types.TextDocumentIdentifier(uri=document)

    completion = await client.text_document_completion_async(
        types.CompletionParams(text_document=doc, position=place("build.st", len("build.st")))
    )
    labels = [item.label for item in (completion.items if hasattr(completion, "items") else completion)]
    assert {"status", "ok", "stdout", "stderr"} <= set(labels)

    hover = await client.text_document_hover_async(types.HoverParams(text_document=doc, position=place("retry", 1)))
    assert hover.contents.value.startswith("TASK retry N")

    hover = await client.text_document_hover_async(types.HoverParams(text_document=doc, position=place("needs lint", 7)))
    assert hover.contents.value == '(task) lint\n\ntask lint { run "true" }\n\ncheck the style\n'

    definition = await client.text_document_definition_async(
        types.DefinitionParams(text_document=doc, position=place("needs lint", 7))
    )
    definition = definition[0] if isinstance(definition, list) else definition
    assert definition.uri == document
    assert (definition.range.start.line, definition.range.start.character) == (4, 7)

    references = await client.text_document_references_async(
        types.ReferenceParams(text_document=doc, position=place("task lint", 6),
                              context=types.ReferenceContext(include_declaration=True))
    )
    assert sorted((r.range.start.line, r.range.start.character) for r in references) == [(4, 7), (5, 19)]


@pytest.mark.asyncio
async def test_rename_symbols_formatting_signature(client: LanguageClient, document):
    await open_sample(client, document)
    doc = types.TextDocumentIdentifier(uri=document)

    edit = await client.text_document_rename_async(
        types.RenameParams(text_document=doc, position=place("notify(", 1), new_name="announce")
    )
    edits = edit.changes[document]
    assert sorted((e.range.start.line, e.range.start.character) for e in edits) == [(10, 8), (13, 0)]
    assert {e.new_text for e in edits} == {"announce"}

    symbols = await client.text_document_document_symbol_async(types.DocumentSymbolParams(text_document=doc))
    assert [s.name for s in symbols] == ["label", "lint", "build", "notify"]

    edits = await client.text_document_formatting_async(
        types.DocumentFormattingParams(text_document=doc, options=types.FormattingOptions(tab_size=2, insert_spaces=True))
    )
    assert len(edits) == 1 and edits[0].new_text.endswith("print len([1])\n")

    help = await client.text_document_signature_help_async(
        types.SignatureHelpParams(text_document=doc, position=place('channel: "#dev"'))
    )
    assert help.signatures[0].label == "notify message, channel"
    assert help.active_parameter == 1
