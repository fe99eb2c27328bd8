import Scout
import ScoutLanguageServer

extension Help {
    /// `scout help lsp`.
    static let languageServer = """
        scout lsp: the language server, for editors

        It speaks the Language Server Protocol (JSON-RPC messages with Content-Length headers)
        on standard input and output: an editor starts it, nobody types to it. For .scout files
        it gives the errors and warnings of scout check as you type, completion, hover help,
        go to definition, references, highlights, rename, document symbols, formatting in
        scout fmt's layout and signature help.

          Neovim 0.8+:  vim.lsp.start({ name = "scout", cmd = { "scout", "lsp" } })
          Emacs eglot:  (add-to-list 'eglot-server-programs '(scout-mode "scout" "lsp"))
          Helix:        [language-server.scout] with command = "scout", args = ["lsp"]

        The README's "Editor support" has the whole snippets (lspconfig, Zed); the VS Code
        extension in editors/vscode starts scout lsp. It takes no options (--stdio is accepted).
        Exit status: 0 after the client's shutdown and exit, 1 when it ends without shutdown.

        """

    /// What `scout lsp` shows on hover and completion: the text of `scout help KEYWORD`,
    /// and `scout help COMMAND`, and a function's signature and summary.
    static let languageServerDocumentation = Documentation(
        keyword: { KeywordHelp.text(KeywordHelp.aliases[$0] ?? $0) },
        command: { Help.command($0) },
        function: { "\($0.name)(\($0.parameters))\n    \($0.summary)\n" })
}
