import AllotIngest
import AllotServer
import AllotStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// The OpenAPI document (docs/openapi.json, embedded at build time as `OpenAPIDocument.json` and served at
/// /openapi.json) and the routes the server registers describe the same API, roles included.
@Suite struct OpenAPIAgreementTests {
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let methods = ["get", "put", "post", "delete", "patch", "head", "options", "trace"]
    /// Served without a token.
    static let openRoutes: Set<String> = ["GET /health", "GET /ready", "GET /metrics", "GET /openapi.json"]
    static let roles: Set<String> = ["admin", "analyst", "reviewer"]

    static func document() throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: Data(OpenAPIDocument.json.utf8))
        return try #require(object as? [String: Any], "the document is not a JSON object")
    }

    /// "METHOD /path/{param}" for every operation of the document.
    static func documentedRoutes(_ document: [String: Any]) throws -> Set<String> {
        let paths = try #require(document["paths"] as? [String: Any], "no paths")
        var routes: Set<String> = []
        for (path, item) in paths {
            let item = try #require(item as? [String: Any], "\(path) is not a path item")
            for method in methods where item[method] != nil {
                routes.insert("\(method.uppercased()) \(path)")
            }
        }
        return routes
    }

    /// "METHOD /path/{param}" for every route `buildRouter` registers (Hummingbird prints captures `:x` as `{x}`).
    static func registeredRoutes() throws -> [String] {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("allot-openapi-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let database = try AppDatabase.open(dataDirectory: folder + "/data")
        let deps = ServerDependencies(
            config: ServerConfig(host: "127.0.0.1", port: 0, dataDirectory: folder + "/data", robustnessSamples: 0), database: database,
            configDirectory: ConfigDirectory(path: repositoryRoot.appendingPathComponent("Config").path))
        return buildRouter(deps).routes.map { route in
            let path = route.path.components.map { element -> String in
                let text = element.description
                return text.hasPrefix(":") ? "{\(text.dropFirst())}" : text
            }
            return "\(route.method.rawValue) /" + path.joined(separator: "/")
        }
    }

    @Test func theDocumentDescribesExactlyTheRoutesTheRouterRegisters() throws {
        let documented = try Self.documentedRoutes(Self.document())
        // The web app's pages answer HTML to browsers, not the API: the document describes the routes the web
        // middleware classifies as API (the same test it applies to every request).
        let registered = try Self.registeredRoutes().filter { route in
            WebPaths.isAPI(String(route.split(separator: " ", maxSplits: 1)[1]))
        }
        #expect(registered.count == Set(registered).count, "a route is registered twice: \(registered.sorted())")
        let served = Set(registered)
        for route in served.subtracting(documented).sorted() {
            Issue.record("\(route) is served but missing from docs/openapi.json")
        }
        for route in documented.subtracting(served).sorted() {
            Issue.record("\(route) is in docs/openapi.json but the server does not register it")
        }
        #expect(served.contains("GET /openapi.json"))
    }

    @Test("the served document is docs/openapi.json byte for byte, as the build embeds it")
    func theEmbeddedDocumentIsDocsOpenAPIJSONByteForByte() throws {
        let onDisk = try Data(contentsOf: Self.repositoryRoot.appendingPathComponent("docs/openapi.json"))
        #expect(Data(OpenAPIDocument.json.utf8) == onDisk, "the EmbedServerFiles plugin changed the document's bytes")
    }

    @Test("every operation admits exactly the roles its x-allot-roles lists")
    func rolesAgreeWithTheRoutes() async throws {
        let server = try TestServer.make()
        let tokens = ["admin": server.admin, "analyst": try server.token(.analyst), "reviewer": try server.token(.reviewer, reviewer: "rev-1")]
        let paths = try #require(try Self.document()["paths"] as? [String: Any])
        var operations: [(method: String, path: String, roles: [String])] = []
        for (path, item) in paths.sorted(by: { $0.key < $1.key }) {
            let item = try #require(item as? [String: Any])
            for method in Self.methods {
                guard let operation = item[method] as? [String: Any], let roles = operation["x-allot-roles"] as? [String] else { continue }
                operations.append((method.uppercased(), path, roles))
            }
        }
        #expect(operations.count > 30)
        let checked = operations
        try await server.application.test(.router) { client in
            for (method, path, roles) in checked {
                // Placeholders become ids that exist nowhere: the role check comes before any look-up.
                let uri = path.replacingOccurrences(of: #"\{[^}]+\}"#, with: "none", options: .regularExpression)
                for (role, token) in tokens.sorted(by: { $0.key < $1.key }) {
                    let response = try await client.call(HTTPRequest.Method(rawValue: method)!, uri, token: token)
                    if roles.contains(role) {
                        #expect(response.status != .forbidden, "\(method) \(path) refuses \(role), which x-allot-roles lists")
                    } else {
                        #expect(response.status == .forbidden, "\(method) \(path) answers \(role) with \(response.status.code), but x-allot-roles is \(roles)")
                    }
                }
            }
        }
    }

    @Test func everyOperationHasResponsesAndSecurityAndItsPathParameters() throws {
        let document = try Self.document()
        let version = try #require(document["openapi"] as? String)
        #expect(version.hasPrefix("3.1."), "openapi is \(version), expected 3.1.x")
        let components = document["components"] as? [String: Any] ?? [:]
        let schemes = components["securitySchemes"] as? [String: Any] ?? [:]
        let sharedParameters = components["parameters"] as? [String: Any] ?? [:]
        let paths = try #require(document["paths"] as? [String: Any])
        var operations = 0
        for (path, item) in paths {
            let item = try #require(item as? [String: Any])
            for method in Self.methods {
                guard let operation = item[method] as? [String: Any] else { continue }
                operations += 1
                let route = "\(method.uppercased()) \(path)"
                let responses = operation["responses"] as? [String: Any] ?? [:]
                #expect(!responses.isEmpty, "\(route) has no responses")
                #expect(responses.keys.contains { $0.hasPrefix("2") }, "\(route) has no success response")
                #expect(operation["summary"] is String && operation["description"] is String, "\(route) lacks a summary or description")
                let security = try #require(operation["security"] as? [[String: Any]], "\(route) does not state its security")
                if Self.openRoutes.contains(route) {
                    #expect(security.isEmpty, "\(route) is served without a token, but the document asks for one")
                } else {
                    #expect(!security.isEmpty, "\(route) needs a token, but its security is empty")
                    for requirement in security {
                        for scheme in requirement.keys {
                            #expect(schemes[scheme] != nil, "\(route) names the unknown security scheme \(scheme)")
                        }
                    }
                    let roles = operation["x-allot-roles"] as? [String] ?? []
                    #expect(!roles.isEmpty && Set(roles).isSubset(of: Self.roles), "\(route): x-allot-roles is \(roles)")
                    for role in roles {
                        #expect((operation["description"] as? String ?? "").contains(role), "\(route): role \(role) is not in the description")
                    }
                }
                // Every {x} of the path is a declared path parameter, and the other way round.
                let placeholders = Set(path.split(separator: "/").compactMap { part -> String? in
                    part.hasPrefix("{") && part.hasSuffix("}") ? String(part.dropFirst().dropLast()) : nil
                })
                let parameters = (operation["parameters"] as? [[String: Any]] ?? []) + (item["parameters"] as? [[String: Any]] ?? [])
                var declared: Set<String> = []
                for parameter in parameters {
                    var resolved = parameter
                    if let reference = parameter["$ref"] as? String {
                        let name = String(reference.dropFirst("#/components/parameters/".count))
                        resolved = try #require(sharedParameters[name] as? [String: Any], "\(route): unknown parameter \(reference)")
                    }
                    if resolved["in"] as? String == "path", let name = resolved["name"] as? String { declared.insert(name) }
                }
                #expect(declared == placeholders, "\(route) declares path parameters \(declared.sorted()), its path has \(placeholders.sorted())")
            }
        }
        #expect(operations > 0)
    }

    @Test func everyReferenceResolves() throws {
        let document = try Self.document()
        var references: Set<String> = []
        func visit(_ value: Any) {
            if let object = value as? [String: Any] {
                if let reference = object["$ref"] as? String { references.insert(reference) }
                object.values.forEach(visit)
            } else if let array = value as? [Any] {
                array.forEach(visit)
            }
        }
        visit(document)
        for reference in references.sorted() {
            #expect(reference.hasPrefix("#/"), "external reference \(reference)")
            var node: Any? = document
            for key in reference.dropFirst(2).split(separator: "/") {
                node = (node as? [String: Any])?[String(key)]
            }
            #expect(node != nil, "\(reference) does not resolve")
        }
    }
}
