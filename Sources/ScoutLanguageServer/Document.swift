import Scout

/// An open document: its text as the client last sent it, and what is worked out from it
/// (built when first asked for, then kept until the text changes).
final class Document {
    let uri: String
    let version: Int
    let source: SourceFile
    let encoding: PositionEncoding
    private var cachedAnalysis: ScriptAnalysis?

    init(uri: String, version: Int, text: String) {
        self.uri = uri
        self.version = version
        source = SourceFile(name: Document.path(of: uri), text: text)
        encoding = PositionEncoding(source)
    }

    /// The parse, tokens and names of the text.
    var analysis: ScriptAnalysis {
        if let cachedAnalysis { return cachedAnalysis }
        let analysis = ScriptAnalysis(source)
        cachedAnalysis = analysis
        return analysis
    }

    /// The path of a `file://` URI (percent escapes decoded), else the URI itself.
    static func path(of uri: String) -> String {
        guard uri.hasPrefix("file://") else { return uri }
        var bytes: [UInt8] = []
        let raw = Array(uri.utf8.dropFirst(7))
        var i = 0
        while i < raw.count {
            if raw[i] == UInt8(ascii: "%"), i + 2 < raw.count, let hi = hex(raw[i + 1]), let lo = hex(raw[i + 2]) {
                bytes.append(hi << 4 | lo)
                i += 3
            } else {
                bytes.append(raw[i])
                i += 1
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The `file://` URI of an absolute path, bytes other than letters, digits, `/-._~`
    /// percent-encoded.
    static func uri(ofPath path: String) -> String {
        var out = "file://"
        for b in path.utf8 {
            if ScriptAnalysis.isWordByte(b) || b == UInt8(ascii: "/") || b == UInt8(ascii: "-") || b == UInt8(ascii: ".") || b == UInt8(ascii: "~") {
                out.unicodeScalars.append(Unicode.Scalar(b))
            } else {
                let digits = Array("0123456789ABCDEF".unicodeScalars)
                out += "%" + String(digits[Int(b >> 4)]) + String(digits[Int(b & 15)])
            }
        }
        return out
    }

    private static func hex(_ b: UInt8) -> UInt8? {
        switch b {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return b - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return b - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return b - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
