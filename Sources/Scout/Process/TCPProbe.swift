#if canImport(Glibc)
import Glibc
#endif

/// Readiness checks over TCP for services: does a port accept a connection, does an HTTP
/// URL answer. Non-blocking sockets, polled between short sleeps, so a probe never holds a
/// thread and stops when its task is cancelled.
package enum TCPProbe {
    /// True when `host:port` accepts a TCP connection within `timeout`.
    package static func accepts(host: String, port: Int, timeout: Duration = .seconds(1)) async -> Bool {
        guard let fd = await connect(host: host, port: port, timeout: timeout) else { return false }
        close(fd)
        return true
    }

    /// An `http://host[:port][/path]` URL split into its parts; nil for anything else.
    package static func parseURL(_ url: String) -> (host: String, port: Int, path: String)? {
        guard url.hasPrefix("http://") else { return nil }
        let rest = url.dropFirst(7)
        let authority = rest.prefix { $0 != "/" && $0 != "?" }
        var path = String(rest.dropFirst(authority.count))
        if path.isEmpty { path = "/" } else if path.first == "?" { path = "/" + path }
        var host = String(authority)
        var port = 80
        if host.hasPrefix("[") {
            guard let close = host.firstIndex(of: "]") else { return nil }
            let after = host[host.index(after: close)...]
            if after.hasPrefix(":") {
                guard let p = Int(after.dropFirst()) else { return nil }
                port = p
            } else if !after.isEmpty {
                return nil
            }
            host = String(host[host.index(after: host.startIndex)..<close])
        } else if let colon = host.lastIndex(of: ":") {
            guard let p = Int(host[host.index(after: colon)...]) else { return nil }
            port = p
            host = String(host[..<colon])
        }
        guard !host.isEmpty, (1...65535).contains(port) else { return nil }
        return (host, port, path)
    }

    /// The status code an `http://` URL answers a GET with, within `timeout`; nil when it
    /// does not answer (no connection, no status line in time, not HTTP).
    package static func httpStatus(_ url: String, timeout: Duration = .seconds(1)) async -> Int? {
        guard let (host, port, path) = parseURL(url) else { return nil }
        let deadline = MonotonicTime.deadline(after: timeout, from: MonotonicTime.now())
        guard let fd = await connect(host: host, port: port, timeout: timeout) else { return nil }
        defer { close(fd) }
        let hostHeader = host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
        let request = Array("GET \(path) HTTP/1.0\r\nHost: \(hostHeader)\r\nUser-Agent: scout\r\nConnection: close\r\n\r\n".utf8)
        var sent = 0
        while sent < request.count {
            let n = request[sent...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if n > 0 {
                sent += n
            } else if n < 0, errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR {
                guard await pause(until: deadline) else { return nil }
            } else {
                return nil
            }
        }
        var answer: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 512)
        while !answer.contains(UInt8(ascii: "\n")), answer.count < 4096 {
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n > 0 {
                answer += buffer[0..<n]
            } else if n == 0 {
                break
            } else if errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR {
                guard await pause(until: deadline) else { return nil }
            } else {
                return nil
            }
        }
        // "HTTP/1.1 200 OK"
        let line = String(decoding: answer.prefix { $0 != UInt8(ascii: "\r") && $0 != UInt8(ascii: "\n") }, as: UTF8.self)
        let words = line.split(separator: " ")
        guard words.count >= 2, words[0].hasPrefix("HTTP/"), let code = Int(words[1]), (100...999).contains(code) else { return nil }
        return code
    }

    /// A connected non-blocking socket to `host:port`, or nil.
    static func connect(host: String, port: Int, timeout: Duration) async -> Int32? {
        let deadline = MonotonicTime.deadline(after: timeout, from: MonotonicTime.now())
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_flags = AI_NUMERICSERV
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, String(port), &hints, &list) == 0, let first = list else { return nil }
        defer { freeaddrinfo(first) }
        var entry: UnsafeMutablePointer<addrinfo>? = first
        while let address = entry {
            entry = address.pointee.ai_next
            let fd = socket(address.pointee.ai_family, Int32(SOCK_STREAM.rawValue | SOCK_NONBLOCK.rawValue | SOCK_CLOEXEC.rawValue), 0)
            if fd < 0 { continue }
            if Glibc.connect(fd, address.pointee.ai_addr, address.pointee.ai_addrlen) == 0 { return fd }
            if errno == EINPROGRESS, await connected(fd, deadline: deadline) { return fd }
            close(fd)
        }
        return nil
    }

    /// Waits for a non-blocking connect to finish; true when it succeeded.
    private static func connected(_ fd: Int32, deadline: Int64) async -> Bool {
        while true {
            var p = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
            let n = poll(&p, 1, 0)
            if n > 0 {
                var error: Int32 = 0
                var length = socklen_t(MemoryLayout<Int32>.size)
                guard getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &length) == 0 else { return false }
                return error == 0
            }
            if n < 0, errno != EINTR { return false }
            guard await pause(until: deadline) else { return false }
        }
    }

    /// Sleeps a little; false when the deadline passed or the task was cancelled.
    private static func pause(until deadline: Int64) async -> Bool {
        if MonotonicTime.now() >= deadline { return false }
        do { try await Task.sleep(for: .milliseconds(5)) } catch { return false }
        return true
    }
}
