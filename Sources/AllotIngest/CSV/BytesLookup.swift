import Foundation

/// A cache from raw byte strings to small integers, so each distinct answer text is normalised and
/// matched once per file rather than once per response (answers repeat millions of times).
///
/// Open addressing over FNV-1a hashes with keys kept in one arena: no `String` is built on a hit.
struct BytesLookup {
    private var slots: [Int32]            // index into `entries`, -1 empty
    private var entries: [(hash: UInt64, start: Int, count: Int, value: Int32)] = []
    private var arena: [UInt8] = []
    private var mask: Int

    init(capacity: Int = 256) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = Array(repeating: -1, count: size)
        mask = size - 1
    }

    /// The cached value for `bytes`, or nil.
    func value(for bytes: UnsafeRawBufferPointer, hash: UInt64) -> Int32? {
        slots.withUnsafeBufferPointer { slots in
            entries.withUnsafeBufferPointer { entries in
                arena.withUnsafeBytes { arena in
                    var i = Int(truncatingIfNeeded: hash) & mask
                    while true {
                        let slot = slots[i]
                        if slot < 0 { return nil }
                        let e = entries[Int(slot)]
                        if e.hash == hash, e.count == bytes.count,
                           e.count == 0 || memcmp(arena.baseAddress! + e.start, bytes.baseAddress!, e.count) == 0 {
                            return e.value
                        }
                        i = (i + 1) & mask
                    }
                }
            }
        }
    }

    /// Remembers `value` for `bytes`.
    mutating func insert(_ bytes: UnsafeRawBufferPointer, hash: UInt64, value: Int32) {
        if (entries.count + 1) * 2 > slots.count { grow() }
        let start = arena.count
        arena.append(contentsOf: bytes)
        entries.append((hash, start, bytes.count, value))
        place(Int32(entries.count - 1), hash: hash)
    }

    /// A multiply-mix hash eight bytes at a time (answers are long wordings; a byte-wise hash was a
    /// measurable share of a million-row read). Not for storage: only this process's table uses it.
    static func hash(_ raw: UnsafeRawBufferPointer) -> UInt64 {
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(raw.count)
        var i = 0
        while i + 8 <= raw.count {
            h = (h ^ raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0xBF58_476D_1CE4_E5B9
            h ^= h >> 31
            i += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while i < raw.count {
            tail |= UInt64(raw[i]) << shift
            shift += 8
            i += 1
        }
        h = (h ^ tail) &* 0x94D0_49BB_1331_11EB
        return h ^ (h >> 29)
    }

    private mutating func place(_ entry: Int32, hash: UInt64) {
        var i = Int(truncatingIfNeeded: hash) & mask
        while slots[i] >= 0 { i = (i + 1) & mask }
        slots[i] = entry
    }

    private mutating func grow() {
        slots = Array(repeating: -1, count: slots.count * 2)
        mask = slots.count - 1
        for (i, e) in entries.enumerated() { place(Int32(i), hash: e.hash) }
    }
}
