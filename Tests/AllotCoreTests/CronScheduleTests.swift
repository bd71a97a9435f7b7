import AllotCore
import Foundation
import Testing

@Suite struct CronScheduleTests {
    private func utc(_ text: String) -> Date {
        // "2025-03-01 06:00" in UTC.
        let parts = text.split(whereSeparator: { " -:".contains($0) }).compactMap { Int($0) }
        var components = DateComponents(year: parts[0], month: parts[1], day: parts[2], hour: parts[3], minute: parts[4])
        components.timeZone = .gmt
        return Calendar(identifier: .gregorian).date(from: components) ?? .distantPast
    }

    private func next(_ expression: String, after text: String) throws -> Date? {
        try CronSchedule(parsing: expression).next(after: utc(text))
    }

    /// Fire times one after another, from `text`.
    private func fireTimes(_ expression: String, after text: String, count: Int) throws -> [Date] {
        let schedule = try CronSchedule(parsing: expression)
        var times: [Date] = []
        var t = utc(text)
        for _ in 0..<count {
            guard let n = schedule.next(after: t) else { break }
            times.append(n)
            t = n
        }
        return times
    }

    @Test func stepsRangesAndListsFireWhereTheySay() throws {
        #expect(try fireTimes("*/15 * * * *", after: "2025-03-01 06:07", count: 3) == ["2025-03-01 06:15", "2025-03-01 06:30", "2025-03-01 06:45"].map(utc))
        #expect(try fireTimes("0 1-10/4 * * *", after: "2025-03-01 00:00", count: 4) == ["2025-03-01 01:00", "2025-03-01 05:00", "2025-03-01 09:00", "2025-03-02 01:00"].map(utc))
        #expect(try fireTimes("5,10 8 * * *", after: "2025-03-01 08:05", count: 2) == ["2025-03-01 08:10", "2025-03-02 08:05"].map(utc))
    }

    @Test func theNextFireTimeIsStrictlyLaterEvenWithinTheMinute() throws {
        let schedule = try CronSchedule(parsing: "* * * * *")
        #expect(schedule.next(after: utc("2025-03-01 06:00")) == utc("2025-03-01 06:01"))
        #expect(schedule.next(after: utc("2025-03-01 06:00").addingTimeInterval(-0.5)) == utc("2025-03-01 06:00"))
        #expect(schedule.next(after: utc("2025-03-01 06:00").addingTimeInterval(30)) == utc("2025-03-01 06:01"))
    }

    @Test func monthAndWeekdayNamesAndBothSundaysAreAccepted() throws {
        // 2025-03-01 is a Saturday.
        #expect(try next("0 9 * * mon-FRI", after: "2025-03-01 00:00") == utc("2025-03-03 09:00"))
        #expect(try next("0 9 * * 0", after: "2025-03-01 00:00") == utc("2025-03-02 09:00"))
        #expect(try next("0 9 * * 7", after: "2025-03-01 00:00") == utc("2025-03-02 09:00"))
        #expect(try next("0 9 * * 5-7", after: "2025-03-01 10:00") == utc("2025-03-02 09:00"))
        #expect(try next("0 0 1 jun,Dec *", after: "2025-03-01 00:00") == utc("2025-06-01 00:00"))
    }

    @Test func macrosExpandToTheirFiveFields() throws {
        #expect(try next("@hourly", after: "2025-03-01 06:07") == utc("2025-03-01 07:00"))
        #expect(try next("@daily", after: "2025-03-01 06:07") == utc("2025-03-02 00:00"))
        #expect(try next("@weekly", after: "2025-03-01 06:07") == utc("2025-03-02 00:00"))
        #expect(try next("@monthly", after: "2025-03-01 06:07") == utc("2025-04-01 00:00"))
        #expect(try next("@yearly", after: "2025-03-01 06:07") == utc("2026-01-01 00:00"))
        #expect(try CronSchedule(parsing: " @daily ").description == "@daily")
    }

    @Test func february29thWaitsForTheNextLeapYear() throws {
        #expect(try next("0 0 29 2 *", after: "2025-03-01 00:00") == utc("2028-02-29 00:00"))
        // 2100 is not a leap year.
        #expect(try next("0 0 29 2 *", after: "2096-03-01 00:00") == utc("2104-02-29 00:00"))
    }

    @Test func the31stSkipsShortMonths() throws {
        #expect(try fireTimes("0 12 31 * *", after: "2025-01-31 12:00", count: 3) == ["2025-03-31 12:00", "2025-05-31 12:00", "2025-07-31 12:00"].map(utc))
    }

    @Test func aDayThatNeverComesGivesNil() throws {
        #expect(try next("0 0 30 2 *", after: "2025-01-01 00:00") == nil)
        #expect(try next("0 0 31 4,6,9,11 *", after: "2025-01-01 00:00") == nil)
    }

    @Test func bothDayFieldsRestrictedMatchEitherDay() throws {
        // The 13th, or any Friday: 2025-06-06 is a Friday, then Friday 13 June, then 20 June.
        #expect(try fireTimes("0 0 13 * FRI", after: "2025-06-01 00:00", count: 3) == ["2025-06-06 00:00", "2025-06-13 00:00", "2025-06-20 00:00"].map(utc))
        #expect(try fireTimes("0 0 10 * 1", after: "2025-06-01 00:00", count: 3) == ["2025-06-02 00:00", "2025-06-09 00:00", "2025-06-10 00:00"].map(utc))
    }

    @Test func aDayFieldStartingWithAStarMustMatchTooAsInVixieCron() throws {
        // */2 in day-of-month counts as unrestricted for the either-day rule, so both must hold: odd days that are Mondays.
        #expect(try fireTimes("0 0 */2 * MON", after: "2025-06-01 00:00", count: 2) == ["2025-06-09 00:00", "2025-06-23 00:00"].map(utc))
    }

    @Test func theYearRollsOver() throws {
        #expect(try next("59 23 31 12 *", after: "2025-12-31 23:59") == utc("2026-12-31 23:59"))
        #expect(try next("0 0 * * *", after: "2025-12-31 23:59") == utc("2026-01-01 00:00"))
    }

    @Test func fireTimesAgreeWithAMinuteByMinuteScan() throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .gmt
        let cases: [(String, (DateComponents) -> Bool)] = [
            ("*/7 3-5 * * *", { $0.minute.map { $0 % 7 == 0 } == true && (3...5).contains($0.hour ?? -1) }),
            ("15 */6 1,15 * *", { $0.minute == 15 && ($0.hour ?? 1) % 6 == 0 && [1, 15].contains($0.day) }),
            ("0 12 1-7 * TUE", { $0.minute == 0 && $0.hour == 12 && ((1...7).contains($0.day ?? 0) || $0.weekday == 3) }),
            ("30 0 * 2 SAT,SUN", { $0.minute == 30 && $0.hour == 0 && $0.month == 2 && [1, 7].contains($0.weekday) }),
        ]
        for (expression, matches) in cases {
            let schedule = try CronSchedule(parsing: expression)
            var expected: [Date] = []
            var t = utc("2028-01-28 00:00")
            let end = utc("2028-03-05 00:00")
            while t < end {
                t = t.addingTimeInterval(60)
                if matches(calendar.dateComponents([.minute, .hour, .day, .month, .weekday], from: t)) { expected.append(t) }
            }
            var found: [Date] = []
            var s = utc("2028-01-28 00:00")
            while let n = schedule.next(after: s), n < end {
                found.append(n)
                s = n
            }
            #expect(found == expected, "\(expression)")
        }
    }

    @Test func aSkippedWallClockTimeFiresOnceAtTheEndOfTheGap() throws {
        let london = try #require(TimeZone(identifier: "Europe/London"))
        // 30 March 2025: 01:00 GMT jumps to 02:00 BST, so 01:00 and 01:30 do not happen.
        let schedule = try CronSchedule(parsing: "0,30 1 * * *")
        let first = schedule.next(after: utc("2025-03-30 00:00"), in: london)
        #expect(first == utc("2025-03-30 01:00"))   // 02:00 BST
        #expect(first.flatMap { schedule.next(after: $0, in: london) } == utc("2025-03-31 00:00"))   // 01:00 BST next day
    }

    @Test func aRepeatedWallClockTimeFiresOnceAtItsFirstOccurrence() throws {
        let london = try #require(TimeZone(identifier: "Europe/London"))
        // 26 October 2025: 02:00 BST falls back to 01:00 GMT, so 01:30 happens twice.
        let schedule = try CronSchedule(parsing: "30 1 * * *")
        let first = schedule.next(after: utc("2025-10-26 00:00"), in: london)
        #expect(first == utc("2025-10-26 00:30"))   // 01:30 BST
        #expect(first.flatMap { schedule.next(after: $0, in: london) } == utc("2025-10-27 01:30"))
        #expect(try CronSchedule(parsing: "0 9 * * *").next(after: utc("2025-10-26 00:00"), in: london) == utc("2025-10-26 09:00"))
    }

    @Test func invalidExpressionsNameTheFieldPositionAndReason() {
        func error(_ expression: String) -> CronParseError? {
            do { _ = try CronSchedule(parsing: expression); return nil } catch { return error }
        }
        #expect(error("5 24 * * *") == CronParseError(expression: "5 24 * * *", field: .hour, position: 3, reason: .outOfRange(value: 24, range: 0...23)))
        #expect(error("*/0 * * * *")?.reason == .zeroStep)
        #expect(error("*/0 * * * *")?.position == 3)
        #expect(error("* * * * MON-FOO").map { ($0.field, $0.position, $0.reason) } ?? (nil, 0, .expectedValue) == (.dayOfWeek, 13, .unknownName("FOO")))
        #expect(error("* * 0 * *").map { ($0.field, $0.position) } ?? (nil, 0) == (.dayOfMonth, 5))
        #expect(error("10-5 * * * *")?.reason == .backwardsRange(from: 10, to: 5))
        #expect(error("5/15 * * * *").map { ($0.position, $0.reason) } ?? (0, .expectedValue) == (2, .stepWithoutRange))
        #expect(error("1,,2 * * * *").map { ($0.position, $0.reason) } ?? (0, .zeroStep) == (3, .expectedValue))
        #expect(error("* * * JAN *x").map { ($0.field, $0.position) } ?? (nil, 0) == (.dayOfWeek, 12))
        #expect(error("* * * * 8")?.reason == .outOfRange(value: 8, range: 0...7))
        #expect(error("MON * * * *")?.reason == .unknownName("MON"))
        #expect(error("* * *")?.reason == .wrongFieldCount(3))
        #expect(error("* * * * * *").map { ($0.field, $0.position) } ?? (.minute, 0) == (nil, 11))
        #expect(error("@reboot")?.reason == .unknownMacro("@reboot"))
        #expect(error("") != nil)
        #expect(error("5 24 * * *")?.description == "cron expression '5 24 * * *': hour field, position 3: 24 is outside 0-23")
    }

    @Test func aScheduleEncodesAsItsExpression() throws {
        let schedule = try CronSchedule(parsing: "0 6 * * MON-FRI")
        let data = try JSONEncoder().encode([schedule])
        #expect(String(decoding: data, as: UTF8.self) == #"["0 6 * * MON-FRI"]"#)
        #expect(try JSONDecoder().decode([CronSchedule].self, from: data) == [schedule])
        #expect(throws: (any Error).self) { try JSONDecoder().decode([CronSchedule].self, from: Data(#"["61 * * * *"]"#.utf8)) }
    }
}
