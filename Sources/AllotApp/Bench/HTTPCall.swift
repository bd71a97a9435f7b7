import CCurl
import CurlShim
import Foundation

/// One blocking HTTP request through libcurl, for the benchmark's set-up steps (not on the measured path).
enum HTTPCall {
    struct Response {
        let status: Int
        let body: String
    }

    static func send(_ method: String, _ url: String, headers: [String] = [], body: Data? = nil) throws -> Response {
        guard let handle = curl_easy_init() else { throw BenchError.http("curl_easy_init failed") }
        defer { curl_easy_cleanup(handle) }
        var list: UnsafeMutablePointer<curl_slist>?
        for h in headers { list = curl_slist_append(list, h) }
        defer { curl_slist_free_all(list) }
        let capacity = 1 << 24
        let buffer = UnsafeMutablePointer<CChar>.allocate(capacity: capacity)
        defer { buffer.deallocate() }
        var capture = allot_body_capture(data: buffer, length: 0, capacity: capacity, truncated: 0)
        _ = allot_curl_setopt_string(handle, CURLOPT_URL, url)
        _ = allot_curl_setopt_long(handle, CURLOPT_NOSIGNAL, 1)
        _ = allot_curl_setopt_string(handle, CURLOPT_CUSTOMREQUEST, method)
        _ = allot_curl_setopt_slist(handle, CURLOPT_HTTPHEADER, list)
        _ = allot_curl_setopt_long(handle, CURLOPT_TIMEOUT_MS, 600_000)
        _ = allot_curl_capture_body(handle, &capture)
        let bytes = [UInt8](body ?? Data())
        let code: CURLcode = bytes.withUnsafeBufferPointer { pointer in
            if body != nil {
                _ = allot_curl_setopt_long(handle, CURLOPT_POSTFIELDSIZE, bytes.count)
                _ = allot_curl_setopt_pointer(handle, CURLOPT_POSTFIELDS, UnsafeMutableRawPointer(mutating: pointer.baseAddress))
            }
            return curl_easy_perform(handle)
        }
        guard code == CURLE_OK else { throw BenchError.http("\(method) \(url): \(String(cString: curl_easy_strerror(code)))") }
        var status = 0
        _ = allot_curl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status)
        let text = String(decoding: UnsafeRawBufferPointer(start: buffer, count: capture.length), as: UTF8.self)
        return Response(status: status, body: text)
    }

    /// Sends and insists on a 2xx answer.
    @discardableResult
    static func expect(_ method: String, _ url: String, headers: [String] = [], body: Data? = nil) throws -> Response {
        let r = try send(method, url, headers: headers, body: body)
        guard (200..<300).contains(r.status) else { throw BenchError.http("\(method) \(url) answered \(r.status): \(r.body.prefix(400))") }
        return r
    }
}
