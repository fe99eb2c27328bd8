import Scout

/// Answers the client's messages one at a time, in the order they were read, on the thread
/// that works for the server (``LanguageServer``). It owns the open documents.
final class RequestHandler {
    private let session: ServerSession
    private var initialized = false
    private var documents: [String: Document] = [:]
    private let diagnostics: DiagnosticsProvider
    private let completion: CompletionProvider
    private let hover: HoverProvider
    private let signatures: SignatureHelpProvider
    private let definitions = DefinitionProvider()
    private let renames = RenameProvider()
    private let symbols = DocumentSymbolProvider()
    private let formatting = FormattingProvider()

    init(session: ServerSession) {
        self.session = session
        diagnostics = DiagnosticsProvider(interpreter: session.server.interpreter)
        completion = CompletionProvider(context: session.server.context)
        hover = HoverProvider(context: session.server.context)
        signatures = SignatureHelpProvider(context: session.server.context)
    }

    /// Handles one message: answers a request, acts on a notification.
    func handle(_ message: JSONRPCMessage) {
        switch message {
        case .request(let id, let method, let params):
            if session.takeCancelled(id) {
                session.writer.respond(id: id, error: JSONRPCError(JSONRPCError.requestCancelled, "the request was cancelled"))
                return
            }
            do throws(JSONRPCError) {
                session.writer.respond(id: id, result: try answer(method, RequestParameters(params)))
            } catch {
                session.writer.respond(id: id, error: error)
            }
        case .notification(let method, let params):
            guard initialized else { return }
            do throws(JSONRPCError) {
                try notified(method, RequestParameters(params))
            } catch {
                session.writer.notify("window/logMessage", ["type": 1, "message": .string("\(method): \(error.message)")])
            }
        case .response:
            break
        }
    }

    func answer(_ method: String, _ params: RequestParameters) throws(JSONRPCError) -> Value {
        if method == "initialize" {
            if initialized { throw JSONRPCError(JSONRPCError.invalidRequest, "the server is already initialized") }
            initialized = true
            return capabilities(params)
        }
        guard initialized else { throw JSONRPCError(JSONRPCError.serverNotInitialized, "the server is not initialized yet: send initialize first") }
        if session.isShutDown { throw JSONRPCError(JSONRPCError.invalidRequest, "the server is shut down: only exit is accepted") }
        switch method {
        case "shutdown":
            session.shutDown()
            return .null
        case "textDocument/completion":
            let (document, offset) = try place(params)
            return completion.complete(document, at: offset)
        case "textDocument/hover":
            let (document, offset) = try place(params)
            return hover.hover(document, at: offset)
        case "textDocument/definition":
            let (document, offset) = try place(params)
            return definitions.definition(document, at: offset)
        case "textDocument/references":
            let (document, offset) = try place(params)
            let includeDeclaration = params.member("context", "includeDeclaration")?.boolValue ?? true
            return definitions.references(document, at: offset, includeDeclaration: includeDeclaration)
        case "textDocument/documentHighlight":
            let (document, offset) = try place(params)
            return definitions.highlights(document, at: offset)
        case "textDocument/prepareRename":
            let (document, offset) = try place(params)
            return renames.prepare(document, at: offset)
        case "textDocument/rename":
            let (document, offset) = try place(params)
            return try renames.rename(document, at: offset, to: try params.string("newName"))
        case "textDocument/documentSymbol":
            return symbols.symbols(try document(params))
        case "textDocument/formatting":
            return try formatting.format(try document(params))
        case "textDocument/signatureHelp":
            let (document, offset) = try place(params)
            return signatures.help(document, at: offset)
        default:
            throw JSONRPCError(JSONRPCError.methodNotFound, "no method '\(method)'")
        }
    }

    func notified(_ method: String, _ params: RequestParameters) throws(JSONRPCError) {
        switch method {
        case "textDocument/didOpen":
            let uri = try params.uri()
            let version = params.member("textDocument", "version")?.intValue ?? 0
            documents[uri] = Document(uri: uri, version: version, text: try params.string("textDocument", "text"))
            publish(uri)
        case "textDocument/didChange":
            let uri = try params.uri()
            guard let old = documents[uri] else { return }
            guard case .list(let changes)? = params.member("contentChanges") else {
                throw JSONRPCError(JSONRPCError.invalidParams, "params.contentChanges must be a list")
            }
            var text = String(decoding: old.source.bytes, as: UTF8.self)
            for change in changes {
                text = try RequestHandler.apply(change, to: text)
            }
            let version = params.member("textDocument", "version")?.intValue ?? old.version + 1
            documents[uri] = Document(uri: uri, version: version, text: text)
            publish(uri)
        case "textDocument/didSave":
            publish(try params.uri())
        case "textDocument/didClose":
            let uri = try params.uri()
            documents[uri] = nil
            session.writer.notify("textDocument/publishDiagnostics", ["uri": .string(uri), "diagnostics": []])
        default:
            break
        }
    }

    /// A change of `textDocument/didChange`: the whole text, or a range of it replaced.
    static func apply(_ change: Value, to text: String) throws(JSONRPCError) -> String {
        let change = RequestParameters(change)
        let newText = try change.string("text")
        guard change.member("range") != nil else { return newText }
        let encoding = PositionEncoding(SourceFile(name: "", text: text))
        let start = encoding.byteOffset(of: .init(line: try change.int("range", "start", "line"), character: try change.int("range", "start", "character")))
        let end = encoding.byteOffset(of: .init(line: try change.int("range", "end", "line"), character: try change.int("range", "end", "character")))
        let bytes = encoding.bytes
        let lo = min(start, end), hi = max(start, end)
        return String(decoding: bytes[..<lo] + Array(newText.utf8) + bytes[hi...], as: UTF8.self)
    }

    /// Sends the diagnostics of a document, unless a later change of it is already waiting.
    func publish(_ uri: String) {
        guard let document = documents[uri] else { return }
        if session.hasPendingChange(of: uri) { return }
        session.writer.notify("textDocument/publishDiagnostics", diagnostics.publish(document))
    }

    func document(_ params: RequestParameters) throws(JSONRPCError) -> Document {
        let uri = try params.uri()
        guard let document = documents[uri] else { throw JSONRPCError(JSONRPCError.invalidParams, "the document \(uri) is not open") }
        return document
    }

    func place(_ params: RequestParameters) throws(JSONRPCError) -> (Document, Int) {
        let document = try document(params)
        return (document, document.encoding.byteOffset(of: try params.position()))
    }

    func capabilities(_ params: RequestParameters) -> Value {
        let prepare = params.member("capabilities", "textDocument", "rename", "prepareSupport")?.boolValue ?? false
        return [
            "capabilities": [
                "positionEncoding": "utf-16",
                "textDocumentSync": ["openClose": true, "change": 1, "save": ["includeText": false]],
                "completionProvider": ["triggerCharacters": ["."], "resolveProvider": false],
                "hoverProvider": true,
                "definitionProvider": true,
                "referencesProvider": true,
                "documentHighlightProvider": true,
                "renameProvider": prepare ? ["prepareProvider": true] : true,
                "documentSymbolProvider": true,
                "documentFormattingProvider": true,
                "signatureHelpProvider": ["triggerCharacters": ["(", ",", " "]],
            ],
            "serverInfo": ["name": "scout", "version": .string(ScoutVersion.string)],
        ]
    }
}
