import AllotStore

/// Counts of the libcurl resources one `CurlClient` holds, so tests and the benchmark can show none leak.
public final class CurlResources: Sendable {
    /// A snapshot of the counters.
    public struct Counts: Sendable, Equatable {
        /// Easy handles created.
        public var handlesCreated = 0
        /// Easy handles not yet cleaned up.
        public var handlesLive = 0
        /// Header lists (`curl_slist`) created.
        public var headerListsCreated = 0
        /// Header lists not yet freed.
        public var headerListsLive = 0
    }

    private let state = LockedState(Counts())

    /// The current counts.
    public var counts: Counts { state.withLock { $0 } }

    func handleCreated() {
        state.withLock {
            $0.handlesCreated += 1
            $0.handlesLive += 1
        }
    }

    func handleReleased() { state.withLock { $0.handlesLive -= 1 } }

    func listCreated() {
        state.withLock {
            $0.headerListsCreated += 1
            $0.headerListsLive += 1
        }
    }

    func listFreed() { state.withLock { $0.headerListsLive -= 1 } }
}
