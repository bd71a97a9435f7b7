import AllotIngest
import AllotRounds
import AllotStore
import Foundation
import Hummingbird
import Logging
import NIOCore

/// Turns the errors of the other modules into `APIError`s, so every failure is answered as JSON with its place.
public struct ErrorMappingMiddleware: RouterMiddleware {
    public typealias Context = AllotRequestContext

    /// Creates the middleware.
    public init() {}

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let mapped = ErrorMapping.apiError(error)
            if mapped.status.code >= 500 {
                context.logger.error("Request failed", metadata: ["path": "\(WebPaths.loggable(request.uri.path))", "error": "\(error)"])
            }
            return try mapped.response(from: request, context: context)
        }
    }
}

/// Which HTTP answer each module's errors get.
public enum ErrorMapping {
    /// The API error for any thrown error.
    public static func apiError(_ error: any Error) -> APIError {
        switch error {
        case let e as APIError: return e
        case let e as ServiceStoreError:
            switch e {
            case .notFound: return APIError(.notFound, "not_found", e.description)
            case .alreadyExists: return APIError(.conflict, "already_exists", e.description)
            case .corrupt: return APIError(.internalServerError, "store_corrupt", e.description)
            case .roundClosed: return APIError(.conflict, "round_closed", e.description)
            }
        case let e as RoundInputError:
            let loc = e.location
            return APIError(.unprocessableContent, "invalid_input", e.description, path: jsonPath(e), line: loc.line, column: loc.column)
        case let e as SurveyInputError:
            let loc = e.location
            return APIError(.unprocessableContent, "invalid_input", e.description, line: loc.line, column: loc.column)
        case let e as RoundError:
            return APIError(.unprocessableContent, "round_failed", e.description)
        case let e as RunConflict:
            return APIError(.conflict, "run_in_progress", e.description)
        case let e as StoreError:
            return APIError(.unprocessableContent, "store_error", e.description)
        case let e as ConfigError:
            return APIError(.internalServerError, "config_error", e.description)
        case let e as HTTPError:
            let code = e.status == .contentTooLarge ? "too_large" : e.status == .notFound ? "not_found" : "http_error"
            return APIError(e.status, code, e.body ?? e.status.reasonPhrase)
        case is NIOTooManyBytesError:
            // A body collected elsewhere with a byte limit (HTTPBody.bytes answers its own 413 first).
            return APIError(.contentTooLarge, "too_large", "the request body is larger than the limit (uploads.max_bytes)")
        case let e as DecodingError:
            return APIError(.unprocessableContent, "invalid_json", DecodingProblem.describe(e), path: DecodingProblem.path(e))
        default:
            return APIError(.internalServerError, "internal", "the server could not complete the request")
        }
    }
}

extension ErrorMapping {
    /// The JSON path of a proposals error, when the file was JSON.
    static func jsonPath(_ e: RoundInputError) -> String? {
        switch e {
        case let .unexpectedShape(place, _), let .missingField(place, _, _), let .invalidValue(place, _, _), let .duplicate(place, _, _):
            return place.path
        default: return nil
        }
    }
}

/// JSON paths and readable messages of decoding errors.
enum DecodingProblem {
    static func path(_ error: DecodingError) -> String {
        let context: DecodingError.Context
        switch error {
        case let .typeMismatch(_, c), let .valueNotFound(_, c), let .dataCorrupted(c): context = c
        case let .keyNotFound(key, c): return render(c.codingPath + [key])
        @unknown default: return "$"
        }
        return render(context.codingPath)
    }

    static func render(_ path: [any CodingKey]) -> String {
        "$" + path.map { key in key.intValue.map { "[\($0)]" } ?? ".\(key.stringValue)" }.joined()
    }

    static func describe(_ error: DecodingError) -> String {
        switch error {
        case let .typeMismatch(type, c): "\(path(error)): expected \(type): \(c.debugDescription)"
        case let .valueNotFound(type, _): "\(path(error)): expected a value of type \(type)"
        case let .keyNotFound(key, _): "\(path(error)): the key '\(key.stringValue)' is required"
        case let .dataCorrupted(c): "\(path(error)): \(c.debugDescription)"
        @unknown default: "the JSON body cannot be read"
        }
    }
}
