/// Where records end in a buffer of CSV bytes that starts at a record boundary, found without parsing: a line feed
/// ends a record exactly when an even number of quotes precede it in the buffer (RFC 4180 quoting toggles on every
/// quote, a doubled quote included). On broken quoting the parity can point at a wrong boundary, but only after the
/// first quote the reader itself refuses, and the piece holding that quote reports it first.
enum RecordBoundaries {
    /// How many quotes and line feeds `bytes` holds, eight bytes at a time.
    static func count(_ bytes: UnsafeRawBufferPointer) -> (quotes: Int, lineFeeds: Int) {
        let quoteWord: UInt64 = 0x2222_2222_2222_2222
        let lineFeedWord: UInt64 = 0x0A0A_0A0A_0A0A_0A0A
        var quotes = 0, lineFeeds = 0
        var i = 0
        let n = bytes.count
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
