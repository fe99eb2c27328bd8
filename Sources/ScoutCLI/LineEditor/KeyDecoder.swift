/// Turns the bytes a terminal sends into keys: UTF-8 text, control characters, escape
/// sequences (CSI and SS3, as xterm, rxvt and the Linux console send them), Alt-prefixed
/// keys and bracketed pastes. Bytes may arrive split anywhere: an incomplete sequence waits
/// for the rest, and ``flush()`` after a pause turns a lone Escape into a key.
///
/// ```swift
/// var decoder = KeyDecoder()
/// decoder.feed([0x1B, 0x5B])      // []: the start of a sequence
/// decoder.feed([0x44])            // [.left]
/// ```
struct KeyDecoder {
    private var pending: [UInt8] = []
    /// The bytes of a bracketed paste in progress.
    private var pasted: [UInt8]?

    private static let escape: UInt8 = 0x1B
    private static let pasteEnd: [UInt8] = Array("\u{1B}[201~".utf8)

    /// True when the bytes so far start an escape sequence that is not complete: the editor
    /// waits briefly for the rest, then calls ``flush()``.
    var isWaitingForSequence: Bool { pasted == nil && pending.first == KeyDecoder.escape }

    /// Adds bytes; returns the keys they complete.
    mutating func feed<Bytes: Sequence>(_ bytes: Bytes) -> [Key] where Bytes.Element == UInt8 {
        pending.append(contentsOf: bytes)
        var keys: [Key] = []
        while let key = next() { keys.append(key) }
        return keys
    }

    /// After a pause: an Escape that no sequence followed is the Escape key; the start of a
    /// sequence that never finished is dropped.
    mutating func flush() -> [Key] {
        guard isWaitingForSequence else { return [] }
        let lone = pending == [KeyDecoder.escape]
        pending.removeAll()
        return [lone ? .escape : .unknown]
    }

    /// The next complete key in `pending`, consumed; nil when more bytes are needed.
    private mutating func next() -> Key? {
        if pasted != nil { return nextPasteChunk() }
        guard let b = pending.first else { return nil }
        switch b {
        case KeyDecoder.escape:
            return escapeSequence()
        case 0x0D, 0x0A:
            return consume(1, .enter)
        case 0x09:
            return consume(1, .tab)
        case 0x7F, 0x08:
            return consume(1, .backspace)
        case 0x01...0x1A:
            return consume(1, .control(Character(Unicode.Scalar(b + 0x60))))
        case 0x00, 0x1C...0x1F:
            return consume(1, .unknown)
        case 0x20...0x7E:
            return consume(1, .text(String(Unicode.Scalar(b))))
        default:
            return utf8Character()
        }
    }

    private mutating func consume(_ count: Int, _ key: Key) -> Key {
        pending.removeFirst(count)
        return key
    }

    /// A UTF-8 encoded character; invalid bytes are skipped one at a time.
    private mutating func utf8Character() -> Key? {
        let lead = pending[0]
        let length: Int
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0...0xEF: length = 3
        case 0xF0...0xF4: length = 4
        default: return consume(1, .unknown)
        }
        for k in 1..<length {
            guard k < pending.count else { return nil }
            guard pending[k] & 0xC0 == 0x80 else { return consume(1, .unknown) }
        }
        guard let text = String(validating: pending[0..<length], as: UTF8.self) else { return consume(1, .unknown) }
        return consume(length, .text(text))
    }

    // MARK: - Escape sequences

    private mutating func escapeSequence() -> Key? {
        guard pending.count >= 2 else { return nil }
        let second = pending[1]
        switch second {
        case UInt8(ascii: "["):
            return controlSequence()
        case UInt8(ascii: "O"):
            guard pending.count >= 3 else { return nil }
            let key: Key
            switch pending[2] {
            case UInt8(ascii: "A"): key = .up
            case UInt8(ascii: "B"): key = .down
            case UInt8(ascii: "C"): key = .right
            case UInt8(ascii: "D"): key = .left
            case UInt8(ascii: "H"): key = .home
            case UInt8(ascii: "F"): key = .end
            case UInt8(ascii: "c"): key = .wordRight
            case UInt8(ascii: "d"): key = .wordLeft
            default: key = .unknown
            }
            return consume(3, key)
        case 0x7F, 0x08:
            return consume(2, .deleteWordBackward)
        case 0x0D, 0x0A:
            return consume(2, .insertNewline)
        case UInt8(ascii: "b"), UInt8(ascii: "B"):
            return consume(2, .wordLeft)
        case UInt8(ascii: "f"), UInt8(ascii: "F"):
            return consume(2, .wordRight)
        case UInt8(ascii: "d"), UInt8(ascii: "D"):
            return consume(2, .deleteWordForward)
        case 0x20...0x7E:
            return consume(2, .unknown)
        default:
            // Escape, then something that is a key of its own (another Escape, a character).
            return consume(1, .escape)
        }
    }

    /// `ESC [ parameters final`: arrows, Home/End, Delete, modified arrows, paste markers.
    private mutating func controlSequence() -> Key? {
        var end = 2
        while end < pending.count {
            let b = pending[end]
            if b >= 0x40 && b <= 0x7E { break }
            guard b >= 0x20 && b <= 0x3F else {
                // Not a sequence after all: drop the introducer, keep the rest as keys.
                return consume(2, .unknown)
            }
            end += 1
        }
        guard end < pending.count else { return nil }
        let parameters = String(decoding: pending[2..<end], as: UTF8.self)
        let final = pending[end]
        pending.removeFirst(end + 1)
        let numbers = parameters.split(separator: ";").map { Int($0) ?? 0 }
        let modifier = numbers.count >= 2 ? numbers[1] : 1
        // Modifier 3 is Alt, 5 Ctrl (7 both): word movement on the arrows.
        let word = modifier == 3 || modifier == 5 || modifier == 7
        switch final {
        case UInt8(ascii: "A"): return .up
        case UInt8(ascii: "B"): return .down
        case UInt8(ascii: "C"): return word ? .wordRight : .right
        case UInt8(ascii: "D"): return word ? .wordLeft : .left
        case UInt8(ascii: "H"): return .home
        case UInt8(ascii: "F"): return .end
        case UInt8(ascii: "~"):
            switch numbers.first ?? 0 {
            case 1, 7: return .home
            case 4, 8: return .end
            case 3: return word ? .deleteWordForward : .delete
            case 200:
                pasted = []
                return next()
            default: return .unknown
            }
        default:
            return .unknown
        }
    }

    /// Inside a bracketed paste: everything up to the end marker is one ``Key/paste(_:)``.
    private mutating func nextPasteChunk() -> Key? {
        let marker = KeyDecoder.pasteEnd
        if pending.count >= marker.count {
            for start in 0...(pending.count - marker.count) where pending[start..<start + marker.count].elementsEqual(marker) {
                let text = (pasted ?? []) + pending[..<start]
                pending.removeFirst(start + marker.count)
                pasted = nil
                return .paste(String(decoding: text, as: UTF8.self))
            }
        }
        // Keep a tail that may be the start of the marker; the rest is pasted text.
        var keep = min(pending.count, marker.count - 1)
        while keep > 0, !marker.starts(with: pending[(pending.count - keep)...]) { keep -= 1 }
        pasted?.append(contentsOf: pending[..<(pending.count - keep)])
        pending.removeFirst(pending.count - keep)
        return nil
    }
}
