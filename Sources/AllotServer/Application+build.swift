import AllotStore
import Hummingbird
import Logging

import ServiceLifecycle

/// The router with every route of the API (see docs/openapi.json).
public func buildRouter(_ deps: ServerDependencies) -> Router<AllotRequestContext> {
    let router = Router(context: AllotRequestContext.self)
    router.add(middleware: MetricsMiddleware(metrics: deps.metrics))
    router.add(middleware: ErrorMappingMiddleware())
    router.add(middleware: AuthMiddleware(tokens: SQLiteTokenRepository(deps.database)))

    let evidence = deps.runs.evidence
    let limit = deps.config.uploadMaxBytes
    let rounds = SQLiteRoundRepository(deps.database)
    let runs = SQLiteRunRepository(deps.database)
    let reviewers = SQLiteReviewerRepository(deps.database)

    router.addRoutes(HealthController(database: deps.database, metrics: deps.metrics).endpoints)
    router.addRoutes(SurveyController(schedules: SQLiteSurveyScheduleRepository(deps.database), database: deps.database, evidence: evidence,
                                      uploadLimit: limit, now: deps.now).endpoints, atPath: "/v1/surveys")
    router.addRoutes(SupplyController(supply: SQLiteSupplyRepository(deps.database), evidence: evidence, uploadLimit: limit, now: deps.now).endpoints,
                     atPath: "/v1/supply")
    router.addRoutes(EvidenceController(evidence: evidence).endpoints, atPath: "/v1")
    router.addRoutes(RoundController(rounds: rounds, now: deps.now).endpoints, atPath: "/v1/rounds")
    router.addRoutes(ProposalController(rounds: rounds, evidence: evidence, uploadLimit: limit).endpoints, atPath: "/v1/rounds")
    router.addRoutes(ReviewController(rounds: rounds, reviewers: reviewers, uploadLimit: limit, now: deps.now).endpoints, atPath: "/v1/rounds")
    router.addRoutes(RunController(rounds: rounds, runs: runs, service: deps.runs, results: deps.results).endpoints, atPath: "/v1/rounds")
    router.addRoutes(DecisionController(rounds: rounds, runs: runs, now: deps.now).endpoints, atPath: "/v1/rounds")
    router.addRoutes(ReviewerController(reviewers: reviewers, now: deps.now).endpoints, atPath: "/v1/reviewers")
    router.addRoutes(WebhookController(database: deps.database, now: deps.now).endpoints, atPath: "/v1/webhooks")
    router.addRoutes(TokenController(tokens: SQLiteTokenRepository(deps.database), reviewers: reviewers, now: deps.now).endpoints,
                     atPath: "/v1/tokens")
    return router
}

/// The HTTP application on `config.host:config.port`, with `services` run alongside it in its service group.
/// `onServerRunning` receives the bound port (useful with port 0).
public func buildApplication(_ deps: ServerDependencies, services: [any Service] = [],
                             onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }) -> some ApplicationProtocol {
    var logger = Logger(label: "allot.server")
    logger.logLevel = .info
    return Application(
        router: buildRouter(deps),
        configuration: .init(address: .hostname(deps.config.host, port: deps.config.port), serverName: "allot"),
        services: services,
        onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? deps.config.port) },
        logger: logger)
}
