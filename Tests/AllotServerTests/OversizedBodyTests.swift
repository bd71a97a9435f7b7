import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// A body over the upload limit is 413, sent chunked or with its length, and the 413 reaches a client that writes its
/// whole body before it reads the answer (a plain socket, as simple clients and proxies behave).
@Suite("Oversized bodies") struct OversizedBodyTests {
    /// Writes `head` and `body` to 127.0.0.1:`port` in full (or until a 60 s send timeout: a debug server under the whole
    /// suite's load drains slowly), then reads the answer.
    static func sendAllThenRead(port: Int, head: String, body: [UInt8]) async -> String {
        await withCheckedContinuation { continuation in
            Thread {
                continuation.resume(returning: exchange(port: port, bytes: Array(head.utf8) + body))
            }.start()
        }
    }

    private static func exchange(port: Int, bytes: [UInt8]) -> String {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return "socket failed" }
        defer { close(fd) }
        var timeout = timeval(tv_sec: 60, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { return "connect failed" }
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if n <= 0 { break }
            sent += n
        }
        var answer: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while !String(decoding: answer, as: UTF8.self).contains("\r\n\r\n") {
            let n = recv(fd, &buffer, buffer.count, 0)
            if n <= 0 { break }
            answer += buffer[0..<n]
        }
        return String(decoding: answer, as: UTF8.self)
    }

    static func chunked(_ size: Int, chunk: Int = 4096) -> [UInt8] {
        var out: [UInt8] = []
        var left = size
        while left > 0 {
            let n = min(chunk, left)
            out += Array("\(String(n, radix: 16))\r\n".utf8) + [UInt8](repeating: UInt8(ascii: "a"), count: n) + Array("\r\n".utf8)
            left -= n
        }
        return out + Array("0\r\n\r\n".utf8)
    }

    @Test("A chunked body over the limit is 413, read by a client that sends it all first")
    func chunkedOverTheLimit() async throws {
        let server = try MemoryTestServer.make(uploadMaxBytes: 1024)
        try await server.application.test(.live) { client async throws in
            let port = try #require(client.port)
            #expect(try await client.call(.post, "/v1/rounds", token: server.admin, json: #"{"id": "big"}"#).status == .created)
            for size in [2048, 512 * 1024] {
                let head = "POST /v1/rounds/big/proposals HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer \(server.admin)\r\n"
                    + "Content-Type: text/csv\r\nTransfer-Encoding: chunked\r\n\r\n"
                let answer = await Self.sendAllThenRead(port: port, head: head, body: Self.chunked(size))
                #expect(answer.hasPrefix("HTTP/1.1 413"), "\(size) bytes chunked: \(answer.prefix(300))")
            }
            let head = "POST /v1/rounds/big/proposals HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer \(server.admin)\r\n"
                + "Content-Type: text/csv\r\nContent-Length: \(512 * 1024)\r\n\r\n"
            let answer = await Self.sendAllThenRead(port: port, head: head, body: [UInt8](repeating: 0x61, count: 512 * 1024))
            #expect(answer.hasPrefix("HTTP/1.1 413"), "declared length: \(answer.prefix(300))")
            // JSON bodies have their own limit (8 MiB), chunked too.
            let json = "POST /v1/rounds HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer \(server.admin)\r\n"
                + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
            let jsonAnswer = await Self.sendAllThenRead(port: port, head: json, body: Self.chunked(9 * 1024 * 1024, chunk: 64 * 1024))
            #expect(jsonAnswer.hasPrefix("HTTP/1.1 413"), "JSON chunked: \(jsonAnswer.prefix(300))")
            #expect(try await client.call(.get, "/health", token: nil).status == .ok)
        }
    }
}
