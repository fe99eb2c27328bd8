import Scout
import ScoutLanguageServer

extension Help {
    /// What `scout lsp` shows on hover and completion: the text of `scout help KEYWORD`,
    /// and `scout help COMMAND`, and a function's signature and summary.
    static let languageServerDocumentation = Documentation(
        keyword: { KeywordHelp.text(KeywordHelp.aliases[$0] ?? $0) },
        command: { Help.command($0) },
        function: { "\($0.name)(\($0.parameters))\n    \($0.summary)\n" })
}
