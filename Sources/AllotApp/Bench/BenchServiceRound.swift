import CCurl
import CurlShim
import Foundation

/// What the service benchmarks share: a work folder with the demo's surveys in a store, and a round seeded through
/// the API (the demo's supply returns, a round's proposals, conflicts and reviews) and run once.
enum BenchServiceRound {
    /// Prepares libcurl and `folder` (a new temporary one unless `workDir` is given) with the demo's store in
    /// `folder/data` (or in the PostgreSQL database `databaseURL`); returns the folder and whether to remove it afterwards.
    static func prepare(workDir: String?, name: String, databaseURL: String? = nil) throws -> (folder: String, removeAfter: Bool) {
        guard curl_global_init(Int(CURL_GLOBAL_DEFAULT)) == CURLE_OK else { throw BenchError.http("curl_global_init failed") }
        let folder = workDir ?? (NSTemporaryDirectory() as NSString).appendingPathComponent("allot-bench-\(name)-\(getpid())")
        try? FileManager.default.removeItem(atPath: folder)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let demo = try ChildProcess.run(["demo", "--data-dir", folder + "/data", "--samples", "0", "--no-service"]
            + (databaseURL.map { ["--database-url", $0] } ?? []), stdout: folder + "/demo.out")
        guard demo.status == 0 else { throw BenchError.phaseFailed("demo", demo.status) }
        return (folder, workDir == nil)
    }

    /// Uploads the supply returns in `supply` and round `round` with the proposals, conflicts and reviews in `files`,
    /// and runs it once.
    static func seed(base: String, auth: String, round: String, files: String, supply: String) throws {
        let csv = [auth, "Content-Type: text/csv"]
        let json = [auth, "Content-Type: application/json"]
        func file(_ folder: String, _ name: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: folder + name)) }
        try HTTPCall.expect("POST", "\(base)/v1/supply/participation", headers: csv, body: try file(supply, "provider-participation.csv"))
        try HTTPCall.expect("POST", "\(base)/v1/supply/activity", headers: csv, body: try file(supply, "provider-activity.csv"))
        try HTTPCall.expect("POST", "\(base)/v1/supply/workforce", headers: csv, body: try file(supply, "workforce.csv"))
        let settings = """
            {"id": "\(round)", "name": "Benchmark round \(round)", "budget": 325000, "surveys": ["practitioner-2022-23", "technician-2022-23"],
             "supply_year": "2022-23", "score_scale": [1, 5], "minimum_reviews": 2, "constraints": "defaults"}
            """
        try HTTPCall.expect("POST", "\(base)/v1/rounds", headers: json, body: Data(settings.utf8))
        try HTTPCall.expect("POST", "\(base)/v1/rounds/\(round)/proposals", headers: json, body: try file(files, "proposals.json"))
        try HTTPCall.expect("POST", "\(base)/v1/rounds/\(round)/conflicts", headers: csv, body: try file(files, "conflicts.csv"))
        try HTTPCall.expect("POST", "\(base)/v1/rounds/\(round)/reviews", headers: csv, body: try file(files, "reviews.csv"))
        try HTTPCall.expect("POST", "\(base)/v1/rounds/\(round)/runs", headers: json, body: Data("{}".utf8))
    }
}
