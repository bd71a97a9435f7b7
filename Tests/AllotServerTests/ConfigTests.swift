import AllotServer
import Foundation
import Testing

@Suite struct ConfigTests {
    @Test func theShippedConfigLoads() throws {
        let config = try ServerConfigLoader.load(path: TestServer.configDirectory.file("allot.yaml"), environment: [:])
        #expect(config.port == 8080)
        #expect(config.retention == .forever)
        #expect(config.robustnessSamples == 200)
    }

    @Test func environmentVariablesOverrideTheFile() throws {
        let config = try ServerConfigLoader.parse(yaml: "listen: 127.0.0.1:8080\ndata_dir: /a\n", source: "allot.yaml",
                                                  environment: ["ALLOT_LISTEN": "0.0.0.0:0", "ALLOT_DATA_DIR": "/b",
                                                                "ALLOT_RETENTION_RAW_RESPONSES": "30"])
        #expect(config.host == "0.0.0.0")
        #expect(config.port == 0)
        #expect(config.dataDirectory == "/b")
        #expect(config.retention == .days(30))
    }

    @Test func aBadValueNamesItsKeyAndReason() {
        #expect(throws: ServerConfigError(source: "allot.yaml", key: "listen",
                                          reason: "'nope' is not valid: expected HOST:PORT with a port from 0 to 65535, e.g. 127.0.0.1:8080")) {
            try ServerConfigLoader.parse(yaml: "listen: nope\n", source: "allot.yaml")
        }
        #expect(throws: ServerConfigError(source: "allot.yaml", key: "uploads.max_bytes",
                                          reason: "'-1' is not valid: expected a number of bytes above 0")) {
            try ServerConfigLoader.parse(yaml: "uploads:\n  max_bytes: -1\n", source: "allot.yaml")
        }
        #expect(throws: ServerConfigError(source: "allot.yaml", key: "retention.raw_responses",
                                          reason: "'sometimes' is not valid: expected a number of days (0 or more) or forever")) {
            try ServerConfigLoader.parse(yaml: "retention:\n  raw_responses: sometimes\n", source: "allot.yaml")
        }
    }

    @Test func anUnknownKeyIsNamed() throws {
        do {
            _ = try ServerConfigLoader.parse(yaml: "scheduler:\n  tik_seconds: 5\n", source: "allot.yaml")
            Issue.record("expected an error")
        } catch {
            #expect(error.key == "scheduler.tik_seconds")
            #expect(error.reason.contains("tick_seconds"))
        }
    }

    @Test func aBadEnvironmentValueNamesTheVariable() throws {
        do {
            _ = try ServerConfigLoader.parse(yaml: "", source: "allot.yaml", environment: ["ALLOT_UPLOAD_MAX_BYTES": "lots"])
            Issue.record("expected an error")
        } catch {
            #expect(error.source == "ALLOT_UPLOAD_MAX_BYTES")
            #expect(error.key == "uploads.max_bytes")
            #expect(error.description.contains("ALLOT_UPLOAD_MAX_BYTES: uploads.max_bytes"))
        }
    }

    @Test("The web app's settings: the public URL sign-in links carry, and how long sessions and links last")
    func webSettings() throws {
        let defaults = try ServerConfigLoader.parse(yaml: "listen: 0.0.0.0:9000\n", source: "allot.yaml")
        #expect(defaults.resolvedPublicURL == "http://127.0.0.1:9000")
        #expect(defaults.webSessionHours == 12 && defaults.webLinkHours == 72)
        let set = try ServerConfigLoader.parse(yaml: "public_url: https://allot.example.gov.uk\nweb:\n  session_hours: 8\n", source: "allot.yaml",
                                               environment: ["ALLOT_WEB_LINK_HOURS": "24"])
        #expect(set.resolvedPublicURL == "https://allot.example.gov.uk")
        #expect(set.webSessionHours == 8 && set.webLinkHours == 24)
        #expect(throws: ServerConfigError(source: "allot.yaml", key: "public_url",
                                          reason: "'ftp://x' is not valid: expected the address people open, e.g. https://allot.example.gov.uk")) {
            try ServerConfigLoader.parse(yaml: "public_url: ftp://x\n", source: "allot.yaml")
        }
        #expect(throws: ServerConfigError(source: "ALLOT_WEB_SESSION_HOURS", key: "web.session_hours",
                                          reason: "'0' is not valid: expected hours above 0 and at most 720")) {
            try ServerConfigLoader.parse(yaml: "", source: "allot.yaml", environment: ["ALLOT_WEB_SESSION_HOURS": "0"])
        }
    }

    @Test("Trusted proxies are IP addresses, kept in their canonical spelling, and anything else names the key")
    func trustedProxies() throws {
        #expect(try ServerConfigLoader.parse(yaml: "", source: "allot.yaml").webTrustedProxies.isEmpty)
        let set = try ServerConfigLoader.parse(yaml: "web:\n  trusted_proxies: 10.0.0.5, ::ffff:10.0.0.6,2001:DB8::1\n", source: "allot.yaml")
        #expect(set.webTrustedProxies == ["10.0.0.5", "10.0.0.6", "2001:db8::1"])
        #expect(throws: ServerConfigError(source: "ALLOT_WEB_TRUSTED_PROXIES", key: "web.trusted_proxies",
                                          reason: "'10.0.0.5, balancer' is not valid: \"balancer\" is not an IP address; expected addresses separated by commas, e.g. 10.0.0.5, 10.0.0.6")) {
            try ServerConfigLoader.parse(yaml: "", source: "allot.yaml", environment: ["ALLOT_WEB_TRUSTED_PROXIES": "10.0.0.5, balancer"])
        }
    }

    @Test("An instance is named by instance_name, else by its machine and port, and a name with '#' names the key")
    func instanceName() throws {
        let named = try ServerConfigLoader.parse(yaml: "instance_name: allot-a\n", source: "allot.yaml")
        #expect(named.resolvedInstanceName == "allot-a")
        let unnamed = try ServerConfigLoader.parse(yaml: "listen: 127.0.0.1:8081\n", source: "allot.yaml")
        #expect(unnamed.resolvedInstanceName == ProcessInfo.processInfo.hostName + ":8081")
        #expect(throws: ServerConfigError.self) {
            try ServerConfigLoader.parse(yaml: "", source: "allot.yaml", environment: ["ALLOT_INSTANCE_NAME": "a#b"])
        }
    }
}
