/// An ordered list of answer codes for one survey question; a code's position is its bit in a `CodeSet`.
public struct Codebook: Sendable, Equatable {
    /// The question's key, e.g. `barriers`.
    public let question: String
    /// Codes in their fixed order (never reordered: stored bitsets depend on it).
    public let codes: [String]
    /// Display labels, the wordings of the seed reports, parallel to `codes`.
    public let labels: [String]
    private let indexByCode: [String: Int]

    public init(question: String, entries: [(code: String, label: String)]) {
        self.question = question
        self.codes = entries.map(\.code)
        self.labels = entries.map(\.label)
        var index: [String: Int] = [:]
        for (i, entry) in entries.enumerated() { index[entry.code] = i }
        self.indexByCode = index
    }

    public var count: Int { codes.count }

    /// The position of `code`, or nil when the code is not in this codebook.
    public func index(of code: String) -> Int? { indexByCode[code] }

    public func code(at index: Int) -> String { codes[index] }

    public func label(at index: Int) -> String { labels[index] }

    public static func == (lhs: Codebook, rhs: Codebook) -> Bool {
        lhs.question == rhs.question && lhs.codes == rhs.codes
    }
}

/// A set of codes of one codebook, kept as a bitset (at most 64 codes per question).
public struct CodeSet: Sendable, Hashable, Sequence {
    public var bits: UInt64

    public init(bits: UInt64 = 0) { self.bits = bits }

    public init(_ indices: [Int]) {
        var b: UInt64 = 0
        for i in indices { b |= (1 << UInt64(i)) }
        bits = b
    }

    public func contains(_ index: Int) -> Bool { bits & (1 << UInt64(index)) != 0 }

    public mutating func insert(_ index: Int) { bits |= (1 << UInt64(index)) }

    public var isEmpty: Bool { bits == 0 }

    public var count: Int { bits.nonzeroBitCount }

    public func makeIterator() -> Iterator { Iterator(remaining: bits) }

    /// Visits the set bits from lowest to highest without allocating.
    public struct Iterator: IteratorProtocol {
        var remaining: UInt64
        public mutating func next() -> Int? {
            guard remaining != 0 else { return nil }
            let i = remaining.trailingZeroBitCount
            remaining &= remaining - 1
            return i
        }
    }
}
