import Dispatch

/// Runs a long, CPU-bound solve on a dispatch thread, so it does not hold one of the few threads of Swift's
/// cooperative pool (two on a 2-core machine) while the other suites' async tests wait for it.
enum OffPool {
    static func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(with: Result { try body() }) }
        }
    }
}
