import CCurl
import CurlShim
import Foundation

/// An open-loop HTTP GET load: each of `connections` threads owns one keep-alive libcurl handle and sends its share of
/// `rate` requests a second on a fixed timetable. Latency is measured from the request's scheduled time, not from when
/// it was sent, so a slow server cannot hide its queue by slowing the load down (no coordinated omission).
struct ApiLoadGenerator {
    struct Report {
        let sent: Int
        let failed: Int
        let statusCounts: [Int: Int]
        let seconds: Double
        let latenciesMilliseconds: [Double]

        var requestsPerSecond: Double { seconds > 0 ? Double(sent) / seconds : 0 }

        /// The q-quantile (0...1) of the latencies, nearest rank.
        func quantile(_ q: Double) -> Double {
            guard !latenciesMilliseconds.isEmpty else { return 0 }
            let sorted = latenciesMilliseconds.sorted()
            let rank = min(sorted.count - 1, max(0, Int((q * Double(sorted.count)).rounded(.up)) - 1))
            return sorted[rank]
        }
    }

    let url: String
    let headers: [String]
    let rate: Double
    let seconds: Double
    let connections: Int

    func run() -> Report {
        let perThread = rate / Double(connections)
        let total = Int(rate * seconds)
        let results = Results()
        let start = DispatchTime.now().uptimeNanoseconds + 50_000_000
        let threads = (0..<connections).map { index in
            Thread { [url, headers] in
                let local = Self.drive(url: url, headers: headers, start: start, offset: Double(index) / rate, interval: 1 / perThread,
                                       count: total / connections + (index < total % connections ? 1 : 0))
                results.add(local)
            }
        }
        for t in threads { t.stackSize = 1 << 20; t.start() }
        results.wait(for: connections)
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        return results.report(seconds: elapsed)
    }

    /// The load `rate` shared evenly among `urls` (several instances behind no load balancer: each gets its part,
    /// over its part of the connections), run at once, and reported as one.
    static func shared(urls: [String], headers: [String], rate: Double, seconds: Double, connections: Int) -> Report {
        let parts = urls.enumerated().map { index, url in
            ApiLoadGenerator(url: url, headers: headers, rate: rate / Double(urls.count), seconds: seconds,
                             connections: connections / urls.count + (index < connections % urls.count ? 1 : 0))
        }
        let reports = Reports(count: parts.count)
        DispatchQueue.concurrentPerform(iterations: parts.count) { index in reports.set(index, parts[index].run()) }
        let all = reports.all
        return Report(sent: all.reduce(0) { $0 + $1.sent }, failed: all.reduce(0) { $0 + $1.failed },
                      statusCounts: all.reduce(into: [:]) { $0.merge($1.statusCounts, uniquingKeysWith: +) },
                      seconds: all.map(\.seconds).max() ?? 0, latenciesMilliseconds: all.flatMap(\.latenciesMilliseconds))
    }

    /// The parts' reports, in the parts' order.
    private final class Reports: @unchecked Sendable {
        private let lock = NSLock()
        private var reports: [Report?]
        init(count: Int) { reports = Array(repeating: nil, count: count) }
        func set(_ index: Int, _ report: Report) { lock.withLock { reports[index] = report } }
        var all: [Report] { lock.withLock { reports.compactMap { $0 } } }
    }

    /// One connection's timetable: request k is due at start + offset + k x interval.
    private static func drive(url: String, headers: [String], start: UInt64, offset: Double, interval: Double, count: Int)
        -> (latencies: [Double], failed: Int, statuses: [Int: Int]) {
        guard let handle = curl_easy_init() else { return ([], count, [:]) }
        defer { curl_easy_cleanup(handle) }
        var list: UnsafeMutablePointer<curl_slist>?
        for h in headers { list = curl_slist_append(list, h) }
        defer { curl_slist_free_all(list) }
        var capture = allot_body_capture(data: nil, length: 0, capacity: 0, truncated: 0)
        let buffer = UnsafeMutablePointer<CChar>.allocate(capacity: 1 << 22)
        defer { buffer.deallocate() }
        capture.data = buffer
        capture.capacity = 1 << 22
        _ = allot_curl_setopt_string(handle, CURLOPT_URL, url)
        _ = allot_curl_setopt_long(handle, CURLOPT_NOSIGNAL, 1)
        _ = allot_curl_setopt_slist(handle, CURLOPT_HTTPHEADER, list)
        _ = allot_curl_setopt_long(handle, CURLOPT_TIMEOUT_MS, 10_000)
        _ = allot_curl_capture_body(handle, &capture)
        var latencies: [Double] = []
        latencies.reserveCapacity(count)
        var failed = 0
        var statuses: [Int: Int] = [:]
        for k in 0..<count {
            let due = start + UInt64((offset + Double(k) * interval) * 1e9)
            let now = DispatchTime.now().uptimeNanoseconds
            if due > now { usleep(UInt32((due - now) / 1000)) }
            capture.length = 0
            capture.truncated = 0
            let code = curl_easy_perform(handle)
            let done = DispatchTime.now().uptimeNanoseconds
            var status = 0
            _ = allot_curl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status)
            if code != CURLE_OK || status != 200 { failed += 1 }
            statuses[code == CURLE_OK ? status : -Int(code.rawValue), default: 0] += 1
            latencies.append(Double(done - min(due, done)) / 1e6)
        }
        return (latencies, failed, statuses)
    }

    /// Collects the threads' results.
    private final class Results: @unchecked Sendable {
        private let condition = NSCondition()
        private var latencies: [Double] = []
        private var failed = 0
        private var statuses: [Int: Int] = [:]
        private var finished = 0

        func add(_ r: (latencies: [Double], failed: Int, statuses: [Int: Int])) {
            condition.lock()
            latencies += r.latencies
            failed += r.failed
            statuses.merge(r.statuses, uniquingKeysWith: +)
            finished += 1
            condition.signal()
            condition.unlock()
        }

        func wait(for count: Int) {
            condition.lock()
            while finished < count { condition.wait() }
            condition.unlock()
        }

        func report(seconds: Double) -> Report {
            condition.lock()
            defer { condition.unlock() }
            return Report(sent: latencies.count, failed: failed, statusCounts: statuses, seconds: seconds, latenciesMilliseconds: latencies)
        }
    }
}
