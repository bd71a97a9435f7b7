import Foundation

/// A cache from raw byte strings to small integers, so each distinct answer text is normalised and
/// matched once per file rather than once per response (answers repeat millions of times).
///
/// Open addressing with keys kept in one arena: no `String` is built on a hit, and a hit costs one hash of a few
/// sampled words and one `memcmp`.
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

    /// How many texts are cached.
    var count: Int { entries.count }

    /// A multiply-mix hash of the length and three sampled words (the first, middle and last eight bytes), or of every
    /// byte of a text shorter than eight. Answers are long wordings and hashing all of their bytes was 6-7% of a
    /// million-row read; texts that share those words only share a probe sequence, since a hit compares every byte.
    /// Not for storage: only this process's table uses it.
    static func hash(_ raw: UnsafeRawBufferPointer) -> UInt64 {
        let n = raw.count
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(n)
        if n >= 8 {
            @inline(__always) func mix(_ offset: Int) {
                h = (h ^ raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) &* 0xBF58_476D_1CE4_E5B9
                h ^= h >> 31
            }
            mix(0)
            mix((n - 8) / 2)
            mix(n - 8)
        } else {
            var tail: UInt64 = 0
            for i in 0..<n { tail |= UInt64(raw[i]) << UInt64(8 * i) }
            h = (h ^ tail) &* 0xBF58_476D_1CE4_E5B9
        }
        h = h &* 0x94D0_49BB_1331_11EB
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
