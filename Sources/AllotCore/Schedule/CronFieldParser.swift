/// Reads one field of a cron expression (`*`, lists, ranges, steps, names) into a bit set of values.
///
/// Hand-written: no cron parser is among the packages the project may use, and the grammar is small.
struct CronFieldParser {
    let expression: String
    let characters: [Character]
    let field: CronField
    /// Index of the field's first and one past its last character in `characters`.
    let start: Int
    let end: Int
    private var index: Int

    init(expression: String, characters: [Character], field: CronField, start: Int, end: Int) {
        self.expression = expression
        self.characters = characters
        self.field = field
        self.start = start
        self.end = end
        index = start
    }

    /// The values the field allows, as bits (day of week 7 folded onto 0), and whether it starts with `*`
    /// (which is what Vixie cron looks at when deciding how the two day fields combine).
    mutating func parse() throws(CronParseError) -> (bits: UInt64, star: Bool) {
        var bits: UInt64 = 0
        while true {
            bits |= try item()
            guard index < end else { break }
            guard characters[index] == "," else { throw fault(.unexpectedCharacter(characters[index])) }
            index += 1
        }
        if field == .dayOfWeek, bits & (1 << 7) != 0 { bits = (bits & ~(1 << 7)) | 1 }
        return (bits, characters[start] == "*")
    }

    private mutating func item() throws(CronParseError) -> UInt64 {
        let itemStart = index
        var low: Int, high: Int
        var isRange = true
        if peek == "*" {
            index += 1
            (low, high) = (field.range.lowerBound, field.range.upperBound)
        } else {
            low = try value()
            high = low
            if peek == "-" {
                index += 1
                high = try value()
                guard low <= high else { throw fault(.backwardsRange(from: low, to: high), at: itemStart) }
            } else {
                isRange = false
            }
        }
        var step = 1
        if peek == "/" {
            guard isRange else { throw fault(.stepWithoutRange) }
            index += 1
            let stepStart = index
            guard let n = number() else { throw fault(.expectedValue) }
            guard n > 0 else { throw fault(.zeroStep, at: stepStart) }
            step = n
        }
        var bits: UInt64 = 0
        for v in stride(from: low, through: high, by: step) { bits |= 1 << UInt64(v) }
        return bits
    }

    /// A number or a name, checked against the field's range.
    private mutating func value() throws(CronParseError) -> Int {
        let valueStart = index
        if let n = number() {
            guard field.range.contains(n) else { throw fault(.outOfRange(value: n, range: field.range), at: valueStart) }
            return n
        }
        var word = ""
        while let c = peek, c.isLetter { word.append(c); index += 1 }
        guard !word.isEmpty else {
            if let c = peek, c != ",", c != "-", c != "/" { throw fault(.unexpectedCharacter(c)) }
            throw fault(.expectedValue)
        }
        guard let n = field.names[word.uppercased()] else { throw fault(.unknownName(word), at: valueStart) }
        return n
    }

    /// Digits at the cursor, or nil when there are none. Very long numbers saturate (and so fall out of range).
    private mutating func number() -> Int? {
        var n: Int?
        while let c = peek, let digit = c.wholeNumberValue, c.isASCII {
            n = min((n ?? 0) * 10 + digit, 1_000_000)
            index += 1
        }
        return n
    }

    private var peek: Character? { index < end ? characters[index] : nil }

    private func fault(_ reason: CronParseError.Reason, at position: Int? = nil) -> CronParseError {
        CronParseError(expression: expression, field: field, position: (position ?? index) + 1, reason: reason)
    }
}
