import Foundation
import Testing

@Suite struct ServeCLITests {
    static func run(_ args: [String]) throws -> CLIHarness.Run {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: CLIHarness.executable)
        p.arguments = args
        p.currentDirectoryURL = CLIHarness.repository
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return CLIHarness.Run(status: p.terminationStatus, out: String(decoding: o, as: UTF8.self), err: String(decoding: e, as: UTF8.self))
    }

    @Test func tokenCreatePrintsATokenOnce() throws {
        let data = try CLIHarness.scratch()
        let r = try Self.run(["token", "create", "--role", "reviewer", "--name", "Dr Reviewer", "--reviewer", "rev-1", "--data-dir", data])
        #expect(r.status == 0, "\(r.err)")
        let token = r.out.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(token.hasPrefix("allot_"))
        #expect(token.count == "allot_".count + 43)
        let bad = try Self.run(["token", "create", "--role", "owner", "--name", "x", "--data-dir", data])
        #expect(bad.status != 0)
    }

    @Test func serveStopsAtStartUpOnAnInvalidConfigNamingTheKey() throws {
        let folder = try CLIHarness.scratch()
        let config = (folder as NSString).appendingPathComponent("allot.yaml")
        try "listen: 127.0.0.1:0\nuploads:\n  max_bytes: lots\n".write(toFile: config, atomically: true, encoding: .utf8)
        let r = try Self.run(["serve", "--config", config, "--data-dir", folder + "/data",
                              "--config-dir", CLIHarness.repository.appendingPathComponent("Config").path])
        #expect(r.status == 65)
        #expect(r.err.contains("uploads.max_bytes"))
        #expect(r.err.contains("'lots' is not valid"))
    }

    @Test func serveStopsAtStartUpWhenTheWebhooksFileIsMissing() throws {
        let folder = try CLIHarness.scratch()
        let config = (folder as NSString).appendingPathComponent("allot.yaml")
        try "listen: 127.0.0.1:0\nwebhooks:\n  config: no-such-webhooks.yaml\n".write(toFile: config, atomically: true, encoding: .utf8)
        let r = try Self.run(["serve", "--config", config, "--data-dir", folder + "/data",
                              "--config-dir", CLIHarness.repository.appendingPathComponent("Config").path])
        #expect(r.status == 65)
        #expect(r.err.contains("webhooks.config") && r.err.contains("no-such-webhooks.yaml"))
    }
}
