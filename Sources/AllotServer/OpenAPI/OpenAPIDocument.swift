/// The OpenAPI document of the HTTP API, served at `/openapi.json` (placeholder until the full document lands).
public enum OpenAPIDocument {
    /// The document's JSON text.
    public static let json: String = #"{"openapi":"3.1.0","info":{"title":"Allot","version":"0"},"paths":{}}"#
}
