/// A JSON value and the line it starts on, so that errors can name the place.
struct JSONNode: Sendable {
    enum Value: Sendable {
        case object([(key: String, node: JSONNode)])
        case array([JSONNode])
        case string(String)
        /// The number and its text as written (shown in error messages).
        case number(Double, text: String)
        case bool(Bool)
        case null
    }

    let value: Value
    let line: Int
}

/// Broken JSON at a line and column (1-based; the column counts bytes).
struct JSONSyntaxError: Error, Sendable {
    let line: Int
    let column: Int
    let message: String
}

/// Parses a sequence of whitespace-separated JSON values: one document (an array) or JSON Lines.
///
/// Hand-written rather than `JSONSerialization` because errors must name the line of the value at
/// fault, and because `JSONSerialization` on Linux cannot tell `true` from `1`.
struct JSONStream {
    private let bytes: [UInt8]
    private var position = 0
    private var line = 1
    private var lineStart = 0
    private static let maxDepth = 200

    init(bytes: [UInt8]) {
        self.bytes = bytes
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3; lineStart = 3 }
    }

    /// Every top-level value, in order.
    mutating func values() throws(JSONSyntaxError) -> [JSONNode] {
        var out: [JSONNode] = []
        skipSpace()
        while position < bytes.count {
            out.append(try value(depth: 0))
            skipSpace()
        }
        return out
    }

    private func fail(_ message: String) -> JSONSyntaxError {
        JSONSyntaxError(line: line, column: position - lineStart + 1, message: message)
    }

    private mutating func skipSpace() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x0A: line += 1; position += 1; lineStart = position
            case 0x20, 0x09, 0x0D: position += 1
            default: return
            }
        }
    }

    private mutating func value(depth: Int) throws(JSONSyntaxError) -> JSONNode {
        guard depth < Self.maxDepth else { throw fail("nested more than \(Self.maxDepth) levels deep") }
        guard position < bytes.count else { throw fail("the file ends where a value was expected") }
        let startLine = line
        switch bytes[position] {
        case UInt8(ascii: "{"): return JSONNode(value: try object(depth: depth), line: startLine)
        case UInt8(ascii: "["): return JSONNode(value: try array(depth: depth), line: startLine)
        case UInt8(ascii: "\""): return JSONNode(value: .string(try string()), line: startLine)
        case UInt8(ascii: "t"): try literal("true"); return JSONNode(value: .bool(true), line: startLine)
        case UInt8(ascii: "f"): try literal("false"); return JSONNode(value: .bool(false), line: startLine)
        case UInt8(ascii: "n"): try literal("null"); return JSONNode(value: .null, line: startLine)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return JSONNode(value: try number(), line: startLine)
        default: throw fail("unexpected character '\(Self.shown(bytes[position]))'; expected a JSON value")
        }
    }

    private mutating func object(depth: Int) throws(JSONSyntaxError) -> JSONNode.Value {
        position += 1
        var members: [(key: String, node: JSONNode)] = []
        skipSpace()
        if position < bytes.count, bytes[position] == UInt8(ascii: "}") { position += 1; return .object(members) }
        while true {
            skipSpace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else { throw fail("expected a quoted field name") }
            let key = try string()
            skipSpace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else { throw fail("expected ':' after the field name \"\(key)\"") }
            position += 1
            skipSpace()
            members.append((key, try value(depth: depth + 1)))
            skipSpace()
            guard position < bytes.count else { throw fail("the file ends inside an object; expected '}'") }
            if bytes[position] == UInt8(ascii: ",") { position += 1; continue }
            if bytes[position] == UInt8(ascii: "}") { position += 1; return .object(members) }
            throw fail("expected ',' or '}' in an object")
        }
    }

    private mutating func array(depth: Int) throws(JSONSyntaxError) -> JSONNode.Value {
        position += 1
        var items: [JSONNode] = []
        skipSpace()
        if position < bytes.count, bytes[position] == UInt8(ascii: "]") { position += 1; return .array(items) }
        while true {
            skipSpace()
            items.append(try value(depth: depth + 1))
            skipSpace()
            guard position < bytes.count else { throw fail("the file ends inside a list; expected ']'") }
            if bytes[position] == UInt8(ascii: ",") { position += 1; continue }
            if bytes[position] == UInt8(ascii: "]") { position += 1; return .array(items) }
            throw fail("expected ',' or ']' in a list")
        }
    }

    private mutating func literal(_ word: String) throws(JSONSyntaxError) {
        let w = Array(word.utf8)
        guard bytes.count - position >= w.count, Array(bytes[position..<(position + w.count)]) == w else {
            throw fail("unexpected text; expected a JSON value (a literal must be true, false or null)")
        }
        position += w.count
    }

    private mutating func number() throws(JSONSyntaxError) -> JSONNode.Value {
        let start = position
        func digits() -> Int {
            let s = position
            while position < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[position]) { position += 1 }
            return position - s
        }
        if bytes[position] == UInt8(ascii: "-") { position += 1 }
        guard digits() > 0 else { throw fail("a number needs digits") }
        if position < bytes.count, bytes[position] == UInt8(ascii: ".") {
            position += 1
            guard digits() > 0 else { throw fail("a number needs digits after the decimal point") }
        }
        if position < bytes.count, bytes[position] == UInt8(ascii: "e") || bytes[position] == UInt8(ascii: "E") {
            position += 1
            if position < bytes.count, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-") { position += 1 }
            guard digits() > 0 else { throw fail("a number needs digits in its exponent") }
        }
        let text = String(decoding: bytes[start..<position], as: UTF8.self)
        guard let number = Double(text), number.isFinite else { throw fail("the number \(text) is out of range") }
        return .number(number, text: text)
    }

    private mutating func string() throws(JSONSyntaxError) -> String {
        position += 1
        var out: [UInt8] = []
        while position < bytes.count {
            let b = bytes[position]
            position += 1
            switch b {
            case UInt8(ascii: "\""):
                guard let s = String(validating: out, as: UTF8.self) else { throw fail("text that is not UTF-8; save the file as UTF-8") }
                return s
            case UInt8(ascii: "\\"):
                try escape(into: &out)
            case 0..<0x20:
                throw fail("a control character (such as a line break) inside quoted text; write it as \\n")
            default:
                out.append(b)
            }
        }
        throw fail("quoted text is never closed (missing \")")
    }

    private mutating func escape(into out: inout [UInt8]) throws(JSONSyntaxError) {
        guard position < bytes.count else { throw fail("the file ends inside an escape") }
        let e = bytes[position]
        position += 1
        let simple: [UInt8: UInt8] = [0x22: 0x22, 0x5C: 0x5C, 0x2F: 0x2F, 0x62: 0x08, 0x66: 0x0C, 0x6E: 0x0A, 0x72: 0x0D, 0x74: 0x09]
        if let c = simple[e] { out.append(c); return }
        guard e == UInt8(ascii: "u") else { throw fail("unknown escape \\\(Self.shown(e))") }
        var scalar = try hex4()
        if (0xD800..<0xDC00).contains(scalar) {
            guard bytes.count - position >= 6, bytes[position] == 0x5C, bytes[position + 1] == UInt8(ascii: "u") else {
                throw fail("a \\u escape of a high surrogate must be followed by a low surrogate")
            }
            position += 2
            let low = try hex4()
            guard (0xDC00..<0xE000).contains(low) else { throw fail("a \\u escape of a high surrogate must be followed by a low surrogate") }
            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
        }
        guard let u = Unicode.Scalar(scalar) else { throw fail("\\u escape of a lone surrogate") }
        out.append(contentsOf: Array(String(Character(u)).utf8))
    }

    private mutating func hex4() throws(JSONSyntaxError) -> UInt32 {
        guard bytes.count - position >= 4,
              let v = UInt32(String(decoding: bytes[position..<(position + 4)], as: UTF8.self), radix: 16) else {
            throw fail("\\u must be followed by four hex digits")
        }
        position += 4
        return v
    }

    private static func shown(_ b: UInt8) -> String { b < 0x80 && b >= 0x20 ? String(UnicodeScalar(b)) : "\\x" + String(b, radix: 16) }
}
