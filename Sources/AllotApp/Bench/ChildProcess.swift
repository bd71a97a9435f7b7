import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs this executable again as a child, so each benchmark phase has its own peak memory (wait4's rusage).
enum ChildProcess {
    /// A child left running (the server under load); `stop` sends SIGTERM and waits.
    struct Running {
        let pid: pid_t
        /// Sends SIGTERM and returns the exit status.
        func stop() -> Int32 {
            kill(pid, SIGTERM)
            var status: Int32 = 0
            waitpid(pid, &status, 0)
            return (status & 0x7f) == 0 ? (status >> 8) & 0xff : -1
        }
    }

    /// Starts this executable with `arguments`, stdout and stderr to `output`, without waiting.
    static func start(_ arguments: [String], output: String) throws -> Running {
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().path
        let argv = [executable] + arguments
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        var cArgs: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
        defer { for p in cArgs { free(p) } }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, executable, &actions, nil, &cArgs, environ)
        guard rc == 0 else { throw BenchError.spawn(String(cString: strerror(rc))) }
        return Running(pid: pid)
    }

    struct Result {
        let status: Int32
        let seconds: Double
        let peakRSSMegabytes: Double
    }

    static func run(_ arguments: [String], stdout: String = "/dev/null") throws -> Result {
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().path
        return try runProgram([executable] + arguments, stdout: stdout)
    }

    /// Runs `argv` (its first word looked up in PATH when it has no slash) and waits, with its time and peak memory.
    static func runProgram(_ argv: [String], stdout: String = "/dev/null") throws -> Result {
        let executable = argv[0]
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, stdout, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        var cArgs: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
        defer { for p in cArgs { free(p) } }
        var pid: pid_t = 0
        let start = DispatchTime.now()
        let rc = posix_spawnp(&pid, executable, &actions, nil, &cArgs, environ)
        guard rc == 0 else { throw BenchError.spawn(String(cString: strerror(rc))) }
        var status: Int32 = 0
        var usage = rusage()
        _ = wait4(pid, &status, 0, &usage)
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        let exitCode = (status & 0x7f) == 0 ? (status >> 8) & 0xff : -1
        return Result(status: exitCode, seconds: seconds, peakRSSMegabytes: Double(usage.ru_maxrss) / 1024)
    }
}

enum BenchError: Error, CustomStringConvertible {
    case spawn(String)
    case phaseFailed(String, Int32)
    case http(String)
    case server(String)
    var description: String {
        switch self {
        case let .spawn(why): "cannot start a benchmark phase: \(why)"
        case let .phaseFailed(phase, status): "benchmark phase '\(phase)' failed with exit status \(status)"
        case let .http(why): "benchmark request failed: \(why)"
        case let .server(why): "benchmark server: \(why)"
        }
    }
}
