import Foundation
import Hummingbird
import Mustache

/// Renders pages from the embedded templates (`Web/Templates`). Every `{{value}}` is HTML-escaped by the template
/// engine, and no template uses the unescaped forms (a test checks), so a proposal titled `<script>` shows as text.
struct PageRenderer: Sendable {
    /// The templates, parsed once; a template that does not parse is a build defect the tests catch, answered here
    /// as a 500 naming it rather than a crash.
    private let library: Result<MustacheLibrary, TemplateError>

    struct TemplateError: Error, CustomStringConvertible {
        let description: String
    }

    init(templates: [String: String] = WebFiles.templates) {
        var library = MustacheLibrary()
        do {
            for (file, text) in templates.sorted(by: { $0.key < $1.key }) where file.hasSuffix(".mustache") {
                try library.register(text, named: String(file.dropLast(".mustache".count)))
            }
            self.library = .success(library)
        } catch {
            self.library = .failure(TemplateError(description: "a web template does not parse: \(error)"))
        }
    }

    /// The HTML of `template` with `model`; throws when the template is missing or broken.
    func html(_ template: String, _ model: Any) throws -> String {
        let library = try library.get()
        guard let text = library.render(model, withTemplate: template) else {
            throw TemplateError(description: "no web template '\(template)'")
        }
        return text
    }

    /// A page response: HTML with the security headers.
    func page(_ template: String, _ model: Any, status: HTTPResponse.Status = .ok) throws -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        var response = Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: try html(template, model))))
        WebSecurity.secure(&response)
        return response
    }

    /// A 303 See Other to `location` (after a form post, and for a signed-out request), with the security headers.
    static func redirect(_ location: String) -> Response {
        var response = Response(status: .seeOther)
        response.headers[.location] = location
        WebSecurity.secure(&response)
        return response
    }
}
