import AllotIngest
import AllotRounds
import AllotStore
import Hummingbird

// Each module's errors answer with the status and JSON body `ErrorMapping` gives them, wherever they are thrown.

extension ServiceStoreError: HTTPResponseError {
    public var status: HTTPResponse.Status { ErrorMapping.apiError(self).status }
    public func response(from request: Request, context: some RequestContext) throws -> Response {
        try ErrorMapping.apiError(self).response(from: request, context: context)
    }
}

extension RoundInputError: HTTPResponseError {
    public var status: HTTPResponse.Status { .unprocessableContent }
    public func response(from request: Request, context: some RequestContext) throws -> Response {
        try ErrorMapping.apiError(self).response(from: request, context: context)
    }
}

extension SurveyInputError: HTTPResponseError {
    public var status: HTTPResponse.Status { .unprocessableContent }
    public func response(from request: Request, context: some RequestContext) throws -> Response {
        try ErrorMapping.apiError(self).response(from: request, context: context)
    }
}

extension RunConflict: HTTPResponseError {
    public var status: HTTPResponse.Status { .conflict }
    public func response(from request: Request, context: some RequestContext) throws -> Response {
        try ErrorMapping.apiError(self).response(from: request, context: context)
    }
}
