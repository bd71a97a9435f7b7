/// FNV-1a, 64-bit: a hash that is the same in every process (Swift's `Hasher` is seeded per run).
public struct StableHash: Sendable, ResponseHashing {
    public private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    public init() {}

    public mutating func combine<S: Sequence>(bytes: S) where S.Element == UInt8 {
        for b in bytes {
            value ^= UInt64(b)
            value = value &* 0x0000_0100_0000_01b3
        }
    }

    public mutating func combine(_ text: String) {
        // Through the string's own buffer when it has one (the same bytes, without an index walk per byte).
        if text.utf8.withContiguousStorageIfAvailable({ combine(bytes: $0) }) == nil { combine(bytes: text.utf8) }
        combine(bytes: CollectionOfOne(0x1f))
    }

    public mutating func combine(_ number: UInt64) {
        withUnsafeBytes(of: number.littleEndian) { combine(bytes: $0) }
    }

    /// The hash as 16 lowercase hex digits.
    public var hex: String {
        let s = String(value, radix: 16)
        return String(repeating: "0", count: 16 - s.count) + s
    }
}

/// A hash that takes strings and numbers: what `SurveyResponse`'s hashes are made with.
public protocol ResponseHashing {
    init()
    var value: UInt64 { get }
    mutating func combine(_ text: String)
    mutating func combine(_ number: UInt64)
}

/// A fast 64-bit hash for one process's tables: eight bytes a step where FNV-1a (`StableHash`) takes one, with a
/// full avalanche at the end. Its values may change between versions, so it is never stored; `StableHash` is.
public struct ProcessHash: Sendable, ResponseHashing {
    private var state: UInt64 = 0x243F_6A88_85A3_08D3

    public init() {}

    public var value: UInt64 {
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    public mutating func combine(_ number: UInt64) {
        state = (state ^ number) &* 0x9E37_79B9_7F4A_7C15
        state ^= state >> 29
    }

    public mutating func combine(_ text: String) {
        var text = text
        text.withUTF8 { bytes in
            let raw = UnsafeRawBufferPointer(bytes)
            var i = 0
            while i + 8 <= raw.count {
                combine(raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
                i += 8
            }
            var tail: UInt64 = 0
            var shift: UInt64 = 0
            while i < raw.count {
                tail |= UInt64(raw[i]) << shift
                shift += 8
                i += 1
            }
            // The length goes in with the tail, so "ab" + "c" and "a" + "bc" differ.
            combine(tail)
            combine(UInt64(raw.count))
        }
    }
}
