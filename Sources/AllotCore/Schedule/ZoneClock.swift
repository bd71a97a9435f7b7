import Foundation

/// Converts between instants and a time zone's wall-clock time, both as whole seconds since 1970.
struct ZoneClock {
    let zone: TimeZone

    init(_ zone: TimeZone) { self.zone = zone }

    func offset(at instant: Int) -> Int { zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(instant))) }

    /// The wall-clock time at `instant`, as seconds since 1970-01-01 00:00 wall time.
    func wallSeconds(at instant: Int) -> Int { instant + offset(at: instant) }

    /// The instant a wall-clock time happens: the first when a fall-back repeats it; the end of the gap
    /// when a spring-forward skips it. This keeps the mapping non-decreasing in wall time.
    func instant(wallSeconds wall: Int) -> Int {
        // Offsets change at most once within a couple of days, so the offsets a day either side are the candidates.
        let before = offset(at: wall - 86_400), after = offset(at: wall + 86_400)
        let matching = Set([wall - before, wall - after]).filter { wallSeconds(at: $0) == wall }
        if let first = matching.min() { return first }
        // In a gap: the transition lies between the two readings; find its first second by bisection.
        var low = min(wall - before, wall - after), high = max(wall - before, wall - after)
        let oldOffset = offset(at: low)
        while high - low > 1 {
            let mid = low + (high - low) / 2
            if offset(at: mid) == oldOffset { low = mid } else { high = mid }
        }
        return high
    }
}
