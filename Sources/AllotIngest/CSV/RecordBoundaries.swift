/// Where records end in a buffer of CSV bytes that starts at a record boundary, found without parsing: a line feed
/// ends a record exactly when an even number of quotes precede it in the buffer (RFC 4180 quoting toggles on every
/// quote, a doubled quote included). On broken quoting the parity can point at a wrong boundary, but only after the
/// first quote the reader itself refuses, and the piece holding that quote reports it first.
enum RecordBoundaries {
    /// How many quotes and line feeds `bytes` holds, sixteen bytes at a time: each compare's lanes (0 or -1) are
    /// summed in byte lanes for up to 127 blocks, then widened (a popcount per word cost three times as much here).
    static func count(_ bytes: UnsafeRawBufferPointer) -> (quotes: Int, lineFeeds: Int) {
        let quoteWord: UInt64 = 0x2222_2222_2222_2222
        let lineFeedWord: UInt64 = 0x0A0A_0A0A_0A0A_0A0A
        var quotes = 0, lineFeeds = 0
        var i = 0
        let n = bytes.count
        let quoteLanes = SIMD16<UInt8>(repeating: 0x22), lineFeedLanes = SIMD16<UInt8>(repeating: 0x0A)
        while i + 16 <= n {
            var quoteSums = SIMD16<Int8>(), lineFeedSums = SIMD16<Int8>()
            var blocks = 0
            while blocks < 127 && i + 16 <= n {
                let v = bytes.loadUnaligned(fromByteOffset: i, as: SIMD16<UInt8>.self)
                quoteSums &+= unsafeBitCast(v .== quoteLanes, to: SIMD16<Int8>.self)
                lineFeedSums &+= unsafeBitCast(v .== lineFeedLanes, to: SIMD16<Int8>.self)
                i += 16
                blocks += 1
            }
            quotes -= Int(SIMD16<Int16>(truncatingIfNeeded: quoteSums).wrappedSum())
            lineFeeds -= Int(SIMD16<Int16>(truncatingIfNeeded: lineFeedSums).wrappedSum())
        }
        while i + 8 <= n {
            let w = bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            quotes += zeroBytes(w ^ quoteWord).nonzeroBitCount
            lineFeeds += zeroBytes(w ^ lineFeedWord).nonzeroBitCount
            i += 8
        }
        while i < n {
            if bytes[i] == 0x22 { quotes += 1 } else if bytes[i] == 0x0A { lineFeeds += 1 }
            i += 1
        }
        return (quotes, lineFeeds)
    }

    /// The high bit of each byte of `x` that is zero, and no other bit (exact: no false positives from borrows).
    @inline(__always)
    static func zeroBytes(_ x: UInt64) -> UInt64 {
        let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        return ~(((x & low7) &+ low7) | x | low7)
    }

    /// The first record boundary at or after `start` (the offset just past a line feed outside quotes), given whether
    /// an odd number of quotes precede `start`; with the line feeds in `start..<boundary`. Nil when none is before
    /// `end`.
    static func firstBoundary(_ bytes: UnsafeRawBufferPointer, from start: Int, to end: Int, oddQuotes: Bool) -> (offset: Int, lineFeeds: Int)? {
        var inQuotes = oddQuotes
        var lineFeeds = 0
        var i = start
        while i < end {
            let b = bytes[i]
            if b == 0x22 {
                inQuotes.toggle()
            } else if b == 0x0A {
                lineFeeds += 1
                if !inQuotes { return (i + 1, lineFeeds) }
            }
            i += 1
        }
        return nil
    }

    /// The last record boundary in `bytes[0..<end]`, given whether the quotes in it are odd in number; with the line
    /// feeds after it. Nil when no line feed outside quotes is there (a record longer than the buffer).
    static func lastBoundary(_ bytes: UnsafeRawBufferPointer, end: Int, oddQuotes: Bool) -> (offset: Int, lineFeedsAfter: Int)? {
        var inQuotes = oddQuotes           // the state after byte i, walking backwards
        var lineFeeds = 0
        var i = end - 1
        while i >= 0 {
            let b = bytes[i]
            if b == 0x0A {
                if !inQuotes { return (i + 1, lineFeeds) }
                lineFeeds += 1
            } else if b == 0x22 {
                inQuotes.toggle()
            }
            i -= 1
        }
        return nil
    }
}
