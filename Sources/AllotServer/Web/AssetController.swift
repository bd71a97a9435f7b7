import Foundation
import Hummingbird

/// `/assets/NAME`: the embedded stylesheet and script, with a content type and a day of caching.
struct AssetController {
    var endpoints: RouteCollection<AllotRequestContext> {
        let routes = RouteCollection(context: AllotRequestContext.self)
        routes.get("/assets/:name") { _, context in
            let name = try context.parameters.require("name")
            guard let text = WebFiles.assets[name], let type = Self.contentType(of: name) else { throw APIError.notFound("no asset '\(name)'") }
            var headers = HTTPFields()
            headers[.contentType] = type
            headers[.cacheControl] = "public, max-age=86400"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
        }
        return routes
    }

    static func contentType(of name: String) -> String? {
        switch (name as NSString).pathExtension {
        case "css": "text/css; charset=utf-8"
        case "js": "text/javascript; charset=utf-8"
        case "svg": "image/svg+xml"
        default: nil
        }
    }
}
