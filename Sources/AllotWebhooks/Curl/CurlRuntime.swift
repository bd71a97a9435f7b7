import CCurl
import CurlShim
import Foundation

/// Process-wide libcurl setup.
public enum CurlRuntime {
    /// Initialises libcurl once and ignores SIGPIPE (a peer closing a socket must not kill the process; handles use
    /// CURLOPT_NOSIGNAL so libcurl never installs handlers itself). Call it early in `main`, before other threads
    /// start; later calls are no-ops. libcurl 7.84+ built thread-safe (reported in `threadSafe`) also tolerates a
    /// late first call.
    public static func initialize() throws {
        if let failure = setup { throw failure }
    }

    /// Whether this libcurl reports CURL_VERSION_THREADSAFE.
    public static var threadSafe: Bool {
        guard let info = allot_curl_version_info() else { return false }
        return info.pointee.features & CURL_VERSION_THREADSAFE != 0
    }

    /// libcurl's version string, e.g. `7.88.1`.
    public static var version: String {
        guard let info = allot_curl_version_info(), let text = info.pointee.version else { return "unknown" }
        return String(cString: text)
    }

    // A static let runs exactly once, whichever thread gets here first.
    private static let setup: WebhookError? = {
        signal(SIGPIPE, SIG_IGN)
        let code = curl_global_init(Int(CURL_GLOBAL_DEFAULT))
        guard code == CURLE_OK else {
            return .curlUnavailable("curl_global_init failed with \(code.rawValue)")
        }
        return nil
    }()
}
