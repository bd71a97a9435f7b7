import Foundation
import Hummingbird
import HummingbirdTesting

/// A browser's part in the router tests: it keeps the cookies the pages set and sends them back, and posts forms.
final class PageClient: @unchecked Sendable {
    let client: any TestClientProtocol
    private(set) var cookies: [String: String] = [:]

    init(_ client: any TestClientProtocol) { self.client = client }

    func get(_ uri: String) async throws -> TestResponse { try await send(.get, uri, form: nil) }

    func post(_ uri: String, form: [(String, String)]) async throws -> TestResponse { try await send(.post, uri, form: form) }

    func send(_ method: HTTPRequest.Method, _ uri: String, form: [(String, String)]?) async throws -> TestResponse {
        var headers = HTTPFields()
        if !cookies.isEmpty { headers[.cookie] = cookies.keys.sorted().map { "\($0)=\(cookies[$0] ?? "")" }.joined(separator: "; ") }
        var body: ByteBuffer?
        if let form {
            headers[.contentType] = "application/x-www-form-urlencoded"
            body = ByteBuffer(string: Self.encode(form))
        }
        let response = try await client.executeRequest(uri: uri, method: method, headers: headers, body: body)
        for field in response.headers[values: .setCookie] {
            let pair = field.split(separator: ";", maxSplits: 1)[0].split(separator: "=", maxSplits: 1)
            guard pair.count >= 1 else { continue }
            let name = String(pair[0]), value = pair.count == 2 ? String(pair[1]) : ""
            if value.isEmpty || field.lowercased().contains("max-age=0") { cookies[name] = nil } else { cookies[name] = value }
        }
        return response
    }

    static func encode(_ form: [(String, String)]) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._*")
        return form.map { k, v in
            "\(k)=\(v.addingPercentEncoding(withAllowedCharacters: allowed)?.replacingOccurrences(of: "%20", with: "+") ?? "")"
        }.joined(separator: "&")
    }

    /// Signs in with a token through the form; returns the final answer (after the 303).
    func signIn(token: String, next: String? = nil) async throws -> TestResponse {
        let form = try await get(next.map { "/sign-in?next=\($0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" } ?? "/sign-in")
        let csrf = PageHTML.inputValue(form.text, name: "csrf") ?? ""
        var fields = [("csrf", csrf), ("token", token)]
        if let next { fields.append(("next", next)) }
        return try await post("/sign-in", form: fields)
    }
}

/// Reading values back out of a page.
enum PageHTML {
    /// The value of the first `<input ... name="NAME" ... value="...">` on a page (attributes in any order).
    static func inputValue(_ html: String, name: String) -> String? {
        guard let at = html.range(of: "name=\"\(name)\"") else { return nil }
        guard let start = html[..<at.lowerBound].range(of: "<input", options: .backwards),
              let end = html[at.upperBound...].firstIndex(of: ">") else { return nil }
        let tag = html[start.upperBound..<end]
        guard let value = tag.range(of: " value=\"") else { return nil }
        return String(tag[value.upperBound...].prefix { $0 != "\"" })
    }

}
