import Dispatch

/// CPU-heavy or blocking work (round evaluation, file parsing, large imports) runs on a dispatch queue, not on the
/// cooperative pool, so request handling (the results endpoint above all) keeps its threads.
enum BlockingWork {
    private static let queue = DispatchQueue(label: "allot.blocking-work", qos: .userInitiated, attributes: .concurrent)

    static func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.async {
                do { continuation.resume(returning: try body()) } catch { continuation.resume(throwing: error) }
            }
        }
    }
}
