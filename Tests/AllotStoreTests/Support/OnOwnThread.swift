import Foundation

/// Runs a PostgreSQL test's blocking body (`PostgresTestDatabase.withStore` and the synchronous repository calls in
/// it) on a thread of its own, while the async test awaits it, so the test holds none of Swift's cooperative threads
/// (two on a 2-core machine) while it blocks. With every cooperative thread blocked in `PostgresStore.close()` by
/// concurrently running tests, the store's shutdown was seen to stall (the test run hung); the suites written this way
/// cannot take part in that.
enum OnOwnThread {
    static func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread { continuation.resume(with: Result { try body() }) }
            thread.stackSize = 4 << 20
            thread.start()
        }
    }
}
