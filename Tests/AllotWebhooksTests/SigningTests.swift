import AllotWebhooks
import Foundation
import Testing

@Suite struct SigningTests {
    // The Standard Webhooks specification's example; the `standardwebhooks` package on PyPI agrees.
    let id = "msg_p5jXN8AQM9LWM0D4loKWxJek"
    let timestamp = 1_614_265_330
    let body = Data(#"{"test": 2432232314}"#.utf8)

    @Test func signatureMatchesTheSpecificationExample() throws {
        let signer = try WebhookSigner(secretTexts: ["whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"])
        #expect(signer.signature(id: id, timestamp: timestamp, body: body)
            == "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=")
    }

    @Test func everySecretSignsDuringRotation() throws {
        let old = try WebhookSecret("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
        let new = WebhookSecret.generate()
        let header = WebhookSigner(secrets: [old, new]).signature(id: id, timestamp: timestamp, body: body)
        #expect(header.split(separator: " ").count == 2)
        let now = Date(timeIntervalSince1970: TimeInterval(timestamp))
        for secret in [old, new] {
            try WebhookVerifier.verify(
                id: id, timestamp: String(timestamp), body: body, signatureHeader: header, secret: secret, now: now)
        }
    }

    @Test func aTamperedBodyDoesNotVerify() throws {
        let secret = try WebhookSecret("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
        let header = WebhookSigner(secrets: [secret]).signature(id: id, timestamp: timestamp, body: body)
        #expect(throws: WebhookError.self) {
            try WebhookVerifier.verify(
                id: id, timestamp: String(timestamp), body: Data(#"{"test": 1}"#.utf8), signatureHeader: header,
                secret: secret, now: Date(timeIntervalSince1970: TimeInterval(timestamp)))
        }
    }

    @Test func aStaleTimestampDoesNotVerify() throws {
        let secret = try WebhookSecret("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
        let header = WebhookSigner(secrets: [secret]).signature(id: id, timestamp: timestamp, body: body)
        #expect(throws: WebhookError.self) {
            try WebhookVerifier.verify(
                id: id, timestamp: String(timestamp), body: body, signatureHeader: header, secret: secret,
                now: Date(timeIntervalSince1970: TimeInterval(timestamp + 3600)))
        }
    }

    @Test func secretsMustCarryThePrefixAndBase64() {
        #expect(throws: WebhookError.self) { try WebhookSecret("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw") }
        #expect(throws: WebhookError.self) { try WebhookSecret("whsec_***") }
        #expect(WebhookSecret.generate().text.hasPrefix("whsec_"))
    }
}
