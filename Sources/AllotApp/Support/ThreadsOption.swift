import ArgumentParser
import Foundation

/// `--threads N`: how many threads decode survey files (the results are the same for any number).
struct ThreadsOption: ParsableArguments {
    @Option(help: "Threads decoding survey files (default: every core). The output is the same for any number.")
    var threads: Int?

    func validate() throws {
        if let threads, threads < 1 { throw ValidationError("--threads must be 1 or more") }
    }

    /// The number asked for, else every core.
    var resolved: Int { threads ?? ProcessInfo.processInfo.activeProcessorCount }
}
