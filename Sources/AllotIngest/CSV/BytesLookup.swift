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
    func value<C: Collection>(for bytes: C, hash: UInt64) -> Int32? where C.Element == UInt8 {
        var i = Int(truncatingIfNeeded: hash) & mask
        while true {
            let slot = slots[i]
            if slot < 0 { return nil }
            let e = entries[Int(slot)]
            if e.hash == hash, e.count == bytes.count, arena[e.start..<(e.start + e.count)].elementsEqual(bytes) {
                return e.value
            }
            i = (i + 1) & mask
        }
    }

    /// Remembers `value` for `bytes`.
    mutating func insert<C: Collection>(_ bytes: C, hash: UInt64, value: Int32) where C.Element == UInt8 {
        if (entries.count + 1) * 2 > slots.count { grow() }
        let start = arena.count
        arena.append(contentsOf: bytes)
        entries.append((hash, start, bytes.count, value))
        place(Int32(entries.count - 1), hash: hash)
    }

    static func hash<C: Collection>(_ bytes: C) -> UInt64 where C.Element == UInt8 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes {
            h ^= UInt64(b)
            h = h &* 0x0000_0100_0000_01b3
        }
        return h
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
