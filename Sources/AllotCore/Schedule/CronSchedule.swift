import Foundation

/// A standard five-field cron schedule (minute hour day-of-month month day-of-week) or an @macro,
/// with Vixie cron's semantics: when both day fields are restricted a day matches if either does;
/// when either starts with `*` a day must match both.
///
/// Hand-written: no cron parser is in the mirror of packages the project may use, and AllotCore
/// takes no third-party imports.
public struct CronSchedule: Sendable, Hashable, CustomStringConvertible {
    /// The expression as given, without surrounding spaces.
    public let expression: String
    let minutes: UInt64
    let hours: UInt64
    let daysOfMonth: UInt64
    let months: UInt64
    /// Bit 0 is Sunday.
    let daysOfWeek: UInt64
    let dayOfMonthStar: Bool
    let dayOfWeekStar: Bool

    private static let macros = [
        "@hourly": "0 * * * *", "@daily": "0 0 * * *", "@midnight": "0 0 * * *", "@weekly": "0 0 * * 0",
        "@monthly": "0 0 1 * *", "@yearly": "0 0 1 1 *", "@annually": "0 0 1 1 *",
    ]

    /// Parses `expression`; throws naming the field, the 1-based character position and the reason.
    public init(parsing expression: String) throws(CronParseError) {
        let characters = Array(expression)
        var fields: [(start: Int, end: Int)] = []
        var i = 0
        while i < characters.count {
            guard !characters[i].isWhitespace else { i += 1; continue }
            let start = i
            while i < characters.count, !characters[i].isWhitespace { i += 1 }
            fields.append((start, i))
        }
        self.expression = fields.isEmpty ? "" : String(characters[fields[0].start..<(fields.last?.end ?? 0)])

        if let first = fields.first, characters[first.start] == "@" {
            let word = String(characters[first.start..<first.end])
            guard let expansion = Self.macros[word.lowercased()] else {
                throw CronParseError(expression: expression, field: nil, position: first.start + 1, reason: .unknownMacro(word))
            }
            guard fields.count == 1 else {
                throw CronParseError(expression: expression, field: nil, position: fields[1].start + 1, reason: .wrongFieldCount(fields.count))
            }
            let parsed = try CronSchedule(parsing: expansion)
            (minutes, hours, daysOfMonth, months, daysOfWeek) = (parsed.minutes, parsed.hours, parsed.daysOfMonth, parsed.months, parsed.daysOfWeek)
            (dayOfMonthStar, dayOfWeekStar) = (parsed.dayOfMonthStar, parsed.dayOfWeekStar)
            return
        }
        guard fields.count == 5 else {
            let position = fields.count > 5 ? fields[5].start + 1 : characters.count + 1
            throw CronParseError(expression: expression, field: nil, position: position, reason: .wrongFieldCount(fields.count))
        }
        var parsed: [(bits: UInt64, star: Bool)] = []
        for (field, span) in zip(CronField.allCases, fields) {
            var parser = CronFieldParser(expression: expression, characters: characters, field: field, start: span.start, end: span.end)
            parsed.append(try parser.parse())
        }
        (minutes, hours, daysOfMonth, months, daysOfWeek) = (parsed[0].bits, parsed[1].bits, parsed[2].bits, parsed[3].bits, parsed[4].bits)
        (dayOfMonthStar, dayOfWeekStar) = (parsed[2].star, parsed[4].star)
    }

    public var description: String { expression }

    /// The first fire time strictly after `date`, in `timeZone`'s wall-clock time; nil if the schedule never fires
    /// (such as `0 0 30 2 *`).
    ///
    /// Daylight saving: a wall-clock time skipped by a spring-forward fires once, at the end of the gap; a
    /// wall-clock time repeated by a fall-back fires once, at its first occurrence.
    public func next(after date: Date, in timeZone: TimeZone = .gmt) -> Date? {
        let zone = ZoneClock(timeZone)
        let after = Int(date.timeIntervalSince1970.rounded(.down))
        var wallMinute = CivilTime.floorDivide(zone.wallSeconds(at: after), 60)
        while true {
            guard let candidate = nextWallMinute(after: wallMinute) else { return nil }
            let instant = zone.instant(wallSeconds: candidate * 60)
            // Wall times map to instants in order (gaps to their end, repeats to their first pass), so the
            // first candidate later than `date` is the answer; earlier ones are repeats already passed.
            if Double(instant) > date.timeIntervalSince1970 { return Date(timeIntervalSince1970: Double(instant)) }
            wallMinute = candidate
        }
    }

    /// The first wall-clock minute after `wallMinute` that the schedule fires at, searching one full
    /// 400-year Gregorian cycle (after which the calendar repeats, so nothing found means never).
    func nextWallMinute(after wallMinute: Int) -> Int? {
        let start = wallMinute + 1
        let startDays = CivilTime.floorDivide(start, 1440)
        let startDate = CivilTime.date(days: startDays)
        var minuteOfDay = start - startDays * 1440
        var (year, month, day) = startDate
        while year <= startDate.year + 400 {
            if has(months, month) {
                while day <= CivilTime.daysInMonth(year: year, month: month) {
                    if dayMatches(year: year, month: month, day: day), let time = firstTime(from: minuteOfDay) {
                        return CivilTime.days(year: year, month: month, day: day) * 1440 + time
                    }
                    day += 1
                    minuteOfDay = 0
                }
            }
            (month, day, minuteOfDay) = (month + 1, 1, 0)
            if month > 12 { (year, month) = (year + 1, 1) }
        }
        return nil
    }

    /// The first minute of the day at or after `minuteOfDay` that the hour and minute fields allow.
    private func firstTime(from minuteOfDay: Int) -> Int? {
        var hour = minuteOfDay / 60, minute = minuteOfDay % 60
        while hour < 24 {
            if has(hours, hour) {
                while minute < 60 {
                    if has(minutes, minute) { return hour * 60 + minute }
                    minute += 1
                }
            }
            hour += 1
            minute = 0
        }
        return nil
    }

    private func dayMatches(year: Int, month: Int, day: Int) -> Bool {
        let byMonthDay = has(daysOfMonth, day)
        let byWeekday = has(daysOfWeek, CivilTime.weekday(days: CivilTime.days(year: year, month: month, day: day)))
        return dayOfMonthStar || dayOfWeekStar ? byMonthDay && byWeekday : byMonthDay || byWeekday
    }

    private func has(_ bits: UInt64, _ value: Int) -> Bool { bits & (1 << UInt64(value)) != 0 }
}

extension CronSchedule: Codable {
    /// Decodes from the expression string.
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        try self.init(parsing: text)
    }

    /// Encodes as the expression string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(expression)
    }
}
