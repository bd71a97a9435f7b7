/// The OpenAPI 3.1 description of Allot's HTTP API, served at GET /openapi.json. Its text, `OpenAPIDocument.json`,
/// is docs/openapi.json itself, embedded at build time by the EmbedOpenAPI plugin (Plugins/EmbedOpenAPI): edit that
/// file. OpenAPIAgreementTests check it against the router (every route documented, every documented route served)
/// and each operation's `x-allot-roles` against the roles the route really admits.
public enum OpenAPIDocument {}
