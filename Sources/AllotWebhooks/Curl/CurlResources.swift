import AllotStore

/// Counts of libcurl resources this process holds, so tests and the benchmark can show none leak.
public enum CurlResources {
    /// A snapshot of the counters.
    public struct Counts: Sendable, Equatable {
        /// Easy handles created since start.
        public var handlesCreated = 0
        /// Easy handles not yet cleaned up.
        public var handlesLive = 0
        /// Header lists (`curl_slist`) not yet freed.
        public var headerListsLive = 0
    }

    private static let state = LockedState(Counts())

    /// The current counts.
    public static var counts: Counts { state.withLock { $0 } }

    static func handleCreated() {
        state.withLock {
            $0.handlesCreated += 1
            $0.handlesLive += 1
        }
    }

    static func handleReleased() { state.withLock { $0.handlesLive -= 1 } }
    static func listCreated() { state.withLock { $0.headerListsLive += 1 } }
    static func listFreed() { state.withLock { $0.headerListsLive -= 1 } }
}
