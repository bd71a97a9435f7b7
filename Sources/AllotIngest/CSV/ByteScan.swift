/// Finds the end of a run of ordinary bytes sixteen at a time (`SIMD16`, one compare per byte kind), then eight at a
/// time (SWAR on `UInt64`) for the tail, instead of a branch per byte: answers are long wordings, and the per-byte loop
/// was most of what the CSV reader cost. On x86-64 the SIMD16 compares are single SSE2 instructions; the SWAR form
/// alone took 1.5 times as long on the survey benchmark's file.
enum ByteScan {
    typealias Lanes = SIMD16<UInt8>

    /// A lane mask as two words, each lane 0x00 or 0xFF, first lane lowest.
    @inline(__always)
    static func words(_ mask: SIMDMask<SIMD16<Int8>>) -> (UInt64, UInt64) { unsafeBitCast(mask, to: (UInt64, UInt64).self) }

    @inline(__always)
    static func words(_ lanes: Lanes) -> (UInt64, UInt64) { unsafeBitCast(lanes, to: (UInt64, UInt64).self) }

    /// The first set lane of a mask given as words (one of them nonzero).
    @inline(__always)
    static func firstLane(_ lo: UInt64, _ hi: UInt64) -> Int {
        lo != 0 ? lo.trailingZeroBitCount >> 3 : 8 + hi.trailingZeroBitCount >> 3
    }

    /// The two words' bits of the lanes before lane `k` (0...16).
    @inline(__always)
    static func lanesBefore(_ k: Int) -> (UInt64, UInt64) {
        k <= 8 ? (firstBytes(k), 0) : (~0, firstBytes(k - 8))
    }

    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highBits: UInt64 = 0x8080_8080_8080_8080

    /// The high bit of each byte of `word` equal to `byte` (exact, see `RecordBoundaries.zeroBytes`).
    @inline(__always)
    static func matches(_ word: UInt64, _ byte: UInt8) -> UInt64 {
        RecordBoundaries.zeroBytes(word ^ (ones &* UInt64(byte)))
    }

    /// The bits of the `count` lowest-addressed bytes of a little-endian word (count 0...7).
    @inline(__always)
    static func firstBytes(_ count: Int) -> UInt64 { count >= 8 ? ~0 : (1 << UInt64(count * 8)) &- 1 }

    /// Where an unquoted run starting at `start` ends (the first comma, line feed, carriage return or quote, else `end`),
    /// and whether any byte before it is outside ASCII.
    @inline(__always)
    static func unquotedRun(_ buf: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> (end: Int, nonASCII: Bool) {
        let raw = UnsafeRawBufferPointer(buf)
        var q = start
        var seenLanes = Lanes()
        let comma = Lanes(repeating: 0x2C), lineFeed = Lanes(repeating: 0x0A), carriageReturn = Lanes(repeating: 0x0D)
        let quote = Lanes(repeating: 0x22)
        while q + 16 <= end {
            let v = raw.loadUnaligned(fromByteOffset: q, as: Lanes.self)
            let (lo, hi) = words((v .== comma) .| (v .== lineFeed) .| (v .== carriageReturn) .| (v .== quote))
            if lo | hi != 0 {
                let k = firstLane(lo, hi)
                let (vlo, vhi) = words(v), (slo, shi) = words(seenLanes), (mlo, mhi) = lanesBefore(k)
                return (q + k, (slo | shi | (vlo & mlo) | (vhi & mhi)) & highBits != 0)
            }
            seenLanes |= v
            q += 16
        }
        let (slo, shi) = words(seenLanes)
        var seen: UInt64 = slo | shi
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
        var lineFeeds = 0
        var seenLanes = Lanes()
        let quote = Lanes(repeating: 0x22), lineFeed = Lanes(repeating: 0x0A)
        while q + 16 <= end {
            let v = raw.loadUnaligned(fromByteOffset: q, as: Lanes.self)
            let (qlo, qhi) = words(v .== quote)
            var (llo, lhi) = words(v .== lineFeed)
            if qlo | qhi != 0 {
                let k = firstLane(qlo, qhi)
                let (vlo, vhi) = words(v), (slo, shi) = words(seenLanes), (mlo, mhi) = lanesBefore(k)
                llo &= mlo
                lhi &= mhi
                // Each line feed lane is eight set bits.
                if llo | lhi != 0 { lineFeeds += (llo.nonzeroBitCount + lhi.nonzeroBitCount) >> 3 }
                return (q + k, lineFeeds, (slo | shi | (vlo & mlo) | (vhi & mhi)) & highBits != 0)
            }
            if llo | lhi != 0 { lineFeeds += (llo.nonzeroBitCount + lhi.nonzeroBitCount) >> 3 }
            seenLanes |= v
            q += 16
        }
        let (slo, shi) = words(seenLanes)
        var seen: UInt64 = slo | shi
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
        let wanted = Lanes(repeating: byte)
        while q + 16 <= end {
            let (lo, hi) = words(raw.loadUnaligned(fromByteOffset: q, as: Lanes.self) .== wanted)
            if lo | hi != 0 { return q + firstLane(lo, hi) }
            q += 16
        }
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
