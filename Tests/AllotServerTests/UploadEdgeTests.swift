import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// Uploads at the edges that schemathesis found: empty bodies and odd file names.
@Suite struct UploadEdgeTests {
    @Test func anEmptyCSVBodyIsAnsweredAndNeverHangsTheServer() async throws {
        let server = try MemoryTestServer.make()
        try await server.application.test(.router) { client async throws in
            let round = try await client.call(.post, "/v1/rounds", token: server.admin, json: #"{"id": "edge", "budget": 1000}"#)
            #expect(round.status == .created)
            for route in ["proposals", "conflicts", "reviews"] {
                let r = try await client.call(.post, "/v1/rounds/edge/\(route)", token: server.admin, csv: Data())
                #expect((400..<500).contains(Int(r.status.code)), "\(route): \(r.status)")
            }
            let supply = try await client.call(.post, "/v1/supply/participation", token: server.admin, csv: Data())
            #expect((400..<500).contains(Int(supply.status.code)))
            #expect(try await client.call(.get, "/health", token: nil).status == .ok)
        }
    }

    @Test func aFileNameThatIsNotAPlainNameIsRefusedWithItsParameter() async throws {
        let server = try MemoryTestServer.make()
        try await server.application.test(.router) { client async throws in
            for name in ["", ".", "..", "a%2Fb"] {
                let r = try await client.call(.post, "/v1/supply/participation?file_name=\(name)", token: server.admin, csv: Data("x\n".utf8))
                #expect(r.status == .unprocessableContent, "'\(name)': \(r.status) \(r.text)")
                #expect(r.text.contains("file_name"))
            }
        }
    }
}
