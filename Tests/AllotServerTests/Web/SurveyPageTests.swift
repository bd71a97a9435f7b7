@testable import AllotServer
import AllotStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("The surveys pages") struct SurveyPageTests {
    /// A multipart/form-data body with text fields and one file.
    static func multipart(_ fields: [(String, String)], file: (name: String, bytes: Data)?, boundary: String) -> ByteBuffer {
        var body = Data()
        for (k, v) in fields {
            body.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(k)\"\r\n\r\n\(v)\r\n".utf8))
        }
        if let file {
            body.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(file.name)\"\r\nContent-Type: text/csv\r\n\r\n".utf8))
            body.append(file.bytes)
            body.append(Data("\r\n".utf8))
        }
        body.append(Data("--\(boundary)--\r\n".utf8))
        return ByteBuffer(bytes: body)
    }

    @Test("An upload through the page stores the file as the API does, and a bad row names file, line and column and stores nothing")
    func uploadAndSummary() async throws {
        let server = try MemoryTestServer.make()
        guard let files = DemoFiles.files else { throw ScenarioError.noDemoFiles }
        let csv = try DemoFiles.bytes(files.surveys.first { $0.hasSuffix("\(Scenario.survey).csv") } ?? "")
        try await server.application.test(.router) { client in
            _ = try await client.call(.post, "/v1/surveys", token: server.admin, json: #"{"id": "\#(Scenario.survey)", "title": "Practitioners 2022/23"}"#)
            let browser = PageClient(client)
            _ = try await browser.signIn(token: server.admin)
            let page = try await browser.get("/surveys")
            #expect(page.status == .ok && page.text.contains("Upload responses"))
            let csrf = try #require(PageHTML.inputValue(page.text, name: "csrf"))
            let boundary = "----allot-test-boundary"
            var headers = HTTPFields()
            headers[.contentType] = "multipart/form-data; boundary=\(boundary)"
            headers[.cookie] = browser.cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")

            // One bad value on the second data row: the whole file is refused.
            var text = String(decoding: csv, as: UTF8.self)
            var lines = text.components(separatedBy: "\n")
            let header = lines[0].components(separatedBy: ",")
            let consent = try #require(header.firstIndex(of: "consent"))
            var row = lines[2].components(separatedBy: ",")
            row[consent] = "perhaps"
            lines[2] = row.joined(separator: ",")
            text = lines.joined(separator: "\n")
            let bad = try await client.executeRequest(uri: "/surveys/upload", method: .post, headers: headers,
                                                      body: Self.multipart([("csrf", csrf), ("survey", Scenario.survey)], file: ("bad.csv", Data(text.utf8)), boundary: boundary))
            #expect(bad.status == .unprocessableContent)
            #expect(String(buffer: bad.body).contains("<a href=\"#file\">Nothing was stored: bad.csv:3:\(consent + 1)"))
            let before = try #require(try await client.call(.get, "/v1/surveys/\(Scenario.survey)", token: server.admin).json as? [String: Any])
            #expect(before["responses"] as? Int == 0)

            let good = try await client.executeRequest(uri: "/surveys/upload", method: .post, headers: headers,
                                                       body: Self.multipart([("csrf", csrf), ("survey", Scenario.survey)], file: ("survey.csv", csv), boundary: boundary))
            #expect(good.status == .seeOther)
            let after = try #require(try await client.call(.get, "/v1/surveys/\(Scenario.survey)", token: server.admin).json as? [String: Any])
            let stored = try #require(after["responses"] as? Int)
            #expect(stored > 0)
            let listed = try await browser.get(good.headers[.location] ?? "/surveys")
            #expect(listed.text.contains("Survey file stored") && listed.text.contains("\(stored) responses stored"))

            let summary = try await browser.get("/surveys/\(Scenario.survey)")
            #expect(summary.status == .ok)
            let api = try #require(try await client.call(.get, "/v1/surveys/\(Scenario.survey)/summary", token: server.admin).json as? [String: Any])
            let all = try #require(api["all"] as? [String: Any])
            #expect(summary.text.contains("<td class=\"num\">\(all["responses"] as? Int ?? -1)</td>"))
            #expect(summary.text.contains("class=\"share-bar\""))
        }
    }
}
