import Foundation

/// Runs the built `allot` executable as a user would, against real files and a real SQLite store.
enum CLIHarness {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    /// The published 2017-18 practitioner sample, held beside the tests.
    static let sample = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/practitioner-survey-2017-18.csv").path

    /// The `allot` binary next to the test bundle.
    static var executable: String {
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("allot").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return repository.appendingPathComponent(".build/debug/allot").path
    }

    struct Run { let status: Int32; let out: String; let err: String }

    static func allot(_ args: [String]) throws -> Run {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: executable)
        p.arguments = args + ["--config-dir", repository.appendingPathComponent("Config").path]
        p.currentDirectoryURL = repository
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Run(status: p.terminationStatus, out: String(decoding: o, as: UTF8.self), err: String(decoding: e, as: UTF8.self))
    }

    /// Runs the binary with standard output and standard error into one pipe (`out` holds both, in the order written).
    static func allotCombined(_ args: [String]) throws -> Run {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: executable)
        p.arguments = args + ["--config-dir", repository.appendingPathComponent("Config").path]
        p.currentDirectoryURL = repository
        let both = Pipe()
        p.standardOutput = both
        p.standardError = both
        try p.run()
        let o = both.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Run(status: p.terminationStatus, out: String(decoding: o, as: UTF8.self), err: "")
    }

    static func scratch() throws -> String {
        let path = (NSTemporaryDirectory() as NSString).appendingPathComponent("allot-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

}
