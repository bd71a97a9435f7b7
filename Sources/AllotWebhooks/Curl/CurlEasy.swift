import CCurl
import CurlShim
import Foundation

/// One libcurl easy handle, reused for every request of the thread that owns it (keeping its connections alive).
/// Not thread-safe by design: exactly one worker thread creates, uses and cleans it up.
final class CurlEasy {
    private let handle: UnsafeMutableRawPointer
    private let settings: TransportSettings
    private let capture: UnsafeMutablePointer<allot_body_capture>
    private let errorBuffer: UnsafeMutablePointer<CChar>
    private let resources: CurlResources

    init(settings: TransportSettings, resources: CurlResources) throws {
        guard let handle = curl_easy_init() else { throw WebhookError.curlUnavailable("curl_easy_init failed") }
        self.handle = handle
        self.settings = settings
        self.resources = resources
        let capacity = max(1, settings.responseCaptureBytes)
        capture = .allocate(capacity: 1)
        capture.initialize(to: allot_body_capture(
            data: .allocate(capacity: capacity), length: 0, capacity: capacity, truncated: 0))
        errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE))
        resources.handleCreated()
    }

    deinit {
        curl_easy_cleanup(handle)
        capture.pointee.data.deallocate()
        capture.deallocate()
        errorBuffer.deallocate()
        resources.handleReleased()
    }

    /// Sends `request` to the already-vetted `target`.
    func perform(_ request: WebhookRequest, target: ResolvedTarget) -> Result<WebhookResponse, WebhookError> {
        do {
            // Held until the end of this function: libcurl reads both lists during the transfer.
            let headers = try HeaderList(
                request.headers.map { "\($0.name): \($0.value)" } + ["Content-Type: application/json", "Expect:"],
                resources: resources)
            let pins = try HeaderList(target.resolvePins, resources: resources)
            try configure(request, headers: headers, pins: pins)
            let code = request.body.withUnsafeBytes { body -> CURLcode in
                let pointer = UnsafeMutableRawPointer(mutating: body.baseAddress)
                guard allot_curl_setopt_pointer(handle, CURLOPT_POSTFIELDS, pointer) == CURLE_OK else {
                    return CURLE_FAILED_INIT
                }
                return curl_easy_perform(handle)
            }
            return classify(code, url: request.url)
        } catch let error as WebhookError {
            return .failure(error)
        } catch {
            return .failure(.transport(code: -1, detail: "\(error)"))
        }
    }

    private func configure(_ request: WebhookRequest, headers: HeaderList, pins: HeaderList) throws {
        // Reset clears every option of the previous request but keeps the connection and DNS caches.
        curl_easy_reset(handle)
        errorBuffer[0] = 0
        capture.pointee.length = 0
        capture.pointee.truncated = 0
        let steps: [(String, CURLcode)] = [
            ("NOSIGNAL", allot_curl_setopt_long(handle, CURLOPT_NOSIGNAL, 1)),
            ("URL", allot_curl_setopt_string(handle, CURLOPT_URL, request.url)),
            ("PROTOCOLS_STR", allot_curl_setopt_string(handle, CURLOPT_PROTOCOLS_STR, "http,https")),
            ("FOLLOWLOCATION", allot_curl_setopt_long(handle, CURLOPT_FOLLOWLOCATION, 0)),
            // An empty proxy ignores http_proxy & co: the vetted address must be the one connected to.
            ("PROXY", allot_curl_setopt_string(handle, CURLOPT_PROXY, "")),
            ("CONNECTTIMEOUT_MS", allot_curl_setopt_long(handle, CURLOPT_CONNECTTIMEOUT_MS, milliseconds(settings.connectTimeout))),
            ("TIMEOUT_MS", allot_curl_setopt_long(handle, CURLOPT_TIMEOUT_MS, milliseconds(settings.totalTimeout))),
            ("ERRORBUFFER", allot_curl_setopt_pointer(handle, CURLOPT_ERRORBUFFER, errorBuffer)),
            ("USERAGENT", allot_curl_setopt_string(handle, CURLOPT_USERAGENT, settings.userAgent)),
            ("HTTPHEADER", allot_curl_setopt_slist(handle, CURLOPT_HTTPHEADER, headers.pointer)),
            ("RESOLVE", allot_curl_setopt_slist(handle, CURLOPT_RESOLVE, pins.pointer)),
            ("POST", allot_curl_setopt_long(handle, CURLOPT_POST, 1)),
            ("POSTFIELDSIZE", allot_curl_setopt_long(handle, CURLOPT_POSTFIELDSIZE, request.body.count)),
            ("write callback", allot_curl_capture_body(handle, capture)),
        ]
        if let (name, code) = steps.first(where: { $0.1 != CURLE_OK }) {
            throw WebhookError.transport(code: Int(code.rawValue), detail: "setting \(name): \(message(code))")
        }
    }

    private func classify(_ code: CURLcode, url: String) -> Result<WebhookResponse, WebhookError> {
        let truncated = capture.pointee.truncated != 0
        // A body over the cap stops the transfer with a write error, but the status line was already read.
        guard code == CURLE_OK || (code == CURLE_WRITE_ERROR && truncated) else {
            switch code {
            case CURLE_OPERATION_TIMEDOUT: return .failure(.timedOut(url: url, detail: message(code)))
            case CURLE_COULDNT_CONNECT: return .failure(.connectionFailed(url: url, detail: message(code)))
            default: return .failure(.transport(code: Int(code.rawValue), detail: message(code)))
            }
        }
        var status = 0
        var retryAfter: curl_off_t = 0
        _ = allot_curl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status)
        _ = allot_curl_getinfo_off_t(handle, CURLINFO_RETRY_AFTER, &retryAfter)
        let body = Data(bytes: capture.pointee.data, count: capture.pointee.length)
        return .success(WebhookResponse(
            statusCode: status, retryAfter: retryAfter > 0 ? TimeInterval(retryAfter) : nil, body: body,
            truncated: truncated))
    }

    private func message(_ code: CURLcode) -> String {
        let detail = String(cString: errorBuffer)
        let summary = String(cString: curl_easy_strerror(code))
        return detail.isEmpty ? summary : "\(summary): \(detail)"
    }

    private func milliseconds(_ seconds: TimeInterval) -> Int {
        max(1, Int((seconds * 1000).rounded()))
    }
}
