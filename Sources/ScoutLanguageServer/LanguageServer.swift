import Glibc
import Scout

/// `scout lsp`: a Language Server Protocol server for `.scout` scripts, over a pair of file
/// descriptors (JSON-RPC messages with `Content-Length` headers).
///
/// One thread reads and frames the messages and hands them to another, which answers them
/// in order; so a slow request never stops the reading (a `$/cancelRequest` read meanwhile
/// cancels a request not yet answered, and a change waiting behind a check makes that
/// check's diagnostics be skipped). A message that cannot be read is answered with a
/// JSON-RPC error. The server ends at `exit` (status 0 after `shutdown`, 1 without) or when
/// its input closes (likewise).
package final class LanguageServer: Sendable {
    let context: LanguageContext
    /// Checks documents as `scout check` does.
    let interpreter: Interpreter

    /// A server with the given help text and commands (by default the built-in ones and the
    /// plugins on PATH, as `scout check` sees them).
    package init(documentation: Documentation = .summaries, commands: CommandRegistry = CommandRegistry.standard.withPlugins()) {
        context = LanguageContext(commands: commands, functions: .builtins, documentation: documentation)
        interpreter = Interpreter(context: BatchContext(resultLimit: 0), configuration: InterpreterConfiguration(commands: commands))
    }

    /// Serves the client on `input` and `output` until it ends; returns the exit status.
    package func run(input: Int32, output: Int32) -> Int32 {
        guard let queue = MessageQueue() else { return 1 }
        let session = ServerSession(server: self, writer: MessageWriter(fd: output), queue: queue)
        guard let worker = LanguageServer.startWorker(session) else { return 1 }
        read(input, into: session)
        queue.push(.end)
        pthread_join(worker, nil)
        return session.isShutDown ? 0 : 1
    }

    /// Reads and frames messages until `exit` or the end of the input.
    private func read(_ input: Int32, into session: ServerSession) {
        var framer = MessageFramer()
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = buffer.withUnsafeMutableBytes { Glibc.read(input, $0.baseAddress, $0.count) }
            if n < 0, errno == EINTR { continue }
            if n <= 0 { return }
            framer.append(buffer[0..<n])
            while let event = framer.next() {
                switch event {
                case .malformed(let why):
                    session.writer.respond(id: .null, error: JSONRPCError(JSONRPCError.parseError, "unreadable message: \(why)"))
                case .message(let body):
                    switch JSONRPCMessage.decode(body) {
                    case .failure(let failure):
                        session.writer.respond(id: failure.id, error: failure.error)
                    case .success(.notification("exit", _)):
                        return
                    case .success(.notification("$/cancelRequest", let params)):
                        if let id = RequestParameters(params).member("id") { session.cancel(id) }
                    case .success(let message):
                        session.queue.push(.message(message))
                    }
                }
            }
        }
    }

    /// Starts the thread that answers the messages of `session`.
    private static func startWorker(_ session: ServerSession) -> pthread_t? {
        let context = Unmanaged.passRetained(session).toOpaque()
        var thread = pthread_t()
        let rc = pthread_create(&thread, nil, { context in
            let session = Unmanaged<ServerSession>.fromOpaque(context!).takeRetainedValue()
            let handler = RequestHandler(session: session)
            while case .message(let message) = session.queue.pop() {
                handler.handle(message)
            }
            return nil
        }, context)
        if rc != 0 {
            Unmanaged<ServerSession>.fromOpaque(context).release()
            return nil
        }
        return thread
    }
}
