/// Finds the end of a run of ordinary bytes eight at a time (SWAR on `UInt64`) instead of a branch per byte: answers
/// are long wordings, and the per-byte loop was most of what the CSV reader cost.
enum ByteScan {
    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highBits: UInt64 = 0x8080_8080_8080_8080

    /// The high bit of each byte of `word` equal to `byte` (exact, see `RecordBoundaries.zeroBytes`).
    @inline(__always)
    static func matches(_ word: UInt64, _ byte: UInt8) -> UInt64 {
        RecordBoundaries.zeroBytes(word ^ (ones &* UInt64(byte)))
    }

    /// The bits of the `count` lowest-addressed bytes of a little-endian word (count 0...7).
    @inline(__always)
    private static func firstBytes(_ count: Int) -> UInt64 { (1 << UInt64(count * 8)) &- 1 }

    /// Where an unquoted run starting at `start` ends (the first comma, line feed, carriage return or quote, else `end`),
    /// and whether any byte before it is outside ASCII.
    @inline(__always)
    static func unquotedRun(_ buf: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> (end: Int, nonASCII: Bool) {
        let raw = UnsafeRawBufferPointer(buf)
        var q = start
        var seen: UInt64 = 0
        while q + 8 <= end {
            let w = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: q, as: UInt64.self))
            let stop = matches(w, 0x2C) | matches(w, 0x0A) | matches(w, 0x0D) | matches(w, 0x22)
            if stop != 0 {
                let k = stop.trailingZeroBitCount >> 3
                seen |= w & firstBytes(k)
                return (q + k, seen & highBits != 0)
            }
            seen |= w
            q += 8
        }
        var nonASCII = seen & highBits != 0
        while q < end {
            let c = buf[q]
            if c == 0x2C || c == 0x0A || c == 0x0D || c == 0x22 { break }
            if c >= 0x80 { nonASCII = true }
            q += 1
        }
        return (q, nonASCII)
    }

    /// Where a quoted run starting at `start` ends (the next quote, else `end`), how many line feeds it holds, and
    /// whether any byte of it is outside ASCII.
    @inline(__always)
    static func quotedRun(_ buf: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> (end: Int, lineFeeds: Int, nonASCII: Bool) {
        let raw = UnsafeRawBufferPointer(buf)
        var q = start
        var seen: UInt64 = 0
        var lineFeeds = 0
        while q + 8 <= end {
            let w = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: q, as: UInt64.self))
            let stop = matches(w, 0x22)
            if stop != 0 {
                let k = stop.trailingZeroBitCount >> 3
                let before = firstBytes(k)
                seen |= w & before
                lineFeeds += (matches(w, 0x0A) & before).nonzeroBitCount
                return (q + k, lineFeeds, seen & highBits != 0)
            }
            seen |= w
            lineFeeds += matches(w, 0x0A).nonzeroBitCount
            q += 8
        }
        var nonASCII = seen & highBits != 0
        while q < end {
            let c = buf[q]
            if c == 0x22 { break }
            if c == 0x0A { lineFeeds += 1 }
            if c >= 0x80 { nonASCII = true }
            q += 1
        }
        return (q, lineFeeds, nonASCII)
    }

    /// The first index of `byte` in `buf[start..<end]`, else `end`; eight bytes at a time.
    @inline(__always)
    static func firstIndex(of byte: UInt8, in buf: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Int {
        let raw = UnsafeRawBufferPointer(buf)
        var q = start
        while q + 8 <= end {
            let w = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: q, as: UInt64.self))
            let hit = matches(w, byte)
            if hit != 0 { return q + hit.trailingZeroBitCount >> 3 }
            q += 8
        }
        while q < end, buf[q] != byte { q += 1 }
        return q
    }
}
