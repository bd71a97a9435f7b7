import AllotStore
import Hummingbird
import Logging

import ServiceLifecycle

/// The router with every route of the API (see docs/openapi.json) and, beside them, the web app's pages, which call
/// the same code (`ResultSource`, `DecisionRecorder`, the controllers' round lookup and roles).
public func buildRouter<Store: StoreRepositories>(_ deps: ServerDependencies<Store>) -> Router<AllotRequestContext> {
    let router = Router(context: AllotRequestContext.self)
    let store = deps.store
    let tokens = store.tokens
    let signIn = store.signIn
    let pages = PageRenderer()
    router.add(middleware: MetricsMiddleware(metrics: deps.metrics))
    router.add(middleware: ErrorMappingMiddleware())
    router.add(middleware: WebSessionMiddleware(signIn: signIn, tokens: tokens, pages: pages, now: deps.now))
    router.add(middleware: AuthMiddleware(tokens: tokens, now: deps.now))

    let evidence = deps.runs.evidence
    let limit = deps.config.uploadMaxBytes
    let rounds = store.rounds
    let runs = store.runs
    let reviewers = store.reviewers
    let results = ResultSource(rounds: rounds, runs: runs, results: deps.results)
    let decisions = DecisionRecorder(rounds: rounds, runs: runs, now: deps.now)
    let activity = store.activity
    let changer = RoundChanger(rounds: rounds, runs: runs, now: deps.now)

    router.addRoutes(HealthController(store: store, metrics: deps.metrics).endpoints)
    let surveys = SurveyController(schedules: store.schedules, surveys: store.surveys, outbox: store.outbox, evidence: evidence,
                                   uploadLimit: limit, activity: activity, now: deps.now)
    router.addRoutes(surveys.endpoints, atPath: "/v1/surveys")
    router.addRoutes(SupplyController(supply: store.supply, evidence: evidence, uploadLimit: limit, activity: activity,
                                      now: deps.now).endpoints,
                     atPath: "/v1/supply")
    router.addRoutes(EvidenceController(evidence: evidence).endpoints, atPath: "/v1")
    router.addRoutes(RoundController(rounds: rounds, now: deps.now).endpoints, atPath: "/v1/rounds")
    router.addRoutes(ProposalController(rounds: rounds, evidence: evidence, uploadLimit: limit, now: deps.now).endpoints, atPath: "/v1/rounds")
    router.addRoutes(ReviewController(rounds: rounds, reviewers: reviewers, uploadLimit: limit, now: deps.now, publicURL: deps.config.resolvedPublicURL).endpoints, atPath: "/v1/rounds")
    router.addRoutes(RunController(rounds: rounds, runs: runs, service: deps.runs, results: results, activity: activity).endpoints, atPath: "/v1/rounds")
    router.addRoutes(DecisionController(rounds: rounds, recorder: decisions).endpoints, atPath: "/v1/rounds")
    router.addRoutes(RoundChangeController(rounds: rounds, changer: changer).endpoints, atPath: "/v1/rounds")
    router.addRoutes(ActivityController(activity: activity, rounds: rounds).endpoints, atPath: "/v1")
    router.addRoutes(ReviewerController(reviewers: reviewers, activity: activity, now: deps.now).endpoints, atPath: "/v1/reviewers")
    let webhooks = WebhookController(webhooks: store.webhooks, now: deps.now)
    router.addRoutes(webhooks.endpoints, atPath: "/v1/webhooks")
    let tokenController = TokenController(tokens: tokens, reviewers: reviewers, now: deps.now)
    router.addRoutes(tokenController.endpoints, atPath: "/v1/tokens")

    let web = WebSettings(publicURL: deps.config.resolvedPublicURL, sessionHours: deps.config.webSessionHours, linkHours: deps.config.webLinkHours,
                          trustedProxies: deps.config.webTrustedProxies)
    router.addRoutes(AssetController().endpoints)
    router.addRoutes(SignInController(tokens: tokens, signIn: signIn, pages: pages, throttle: SignInThrottle(), settings: web, now: deps.now).endpoints)
    router.addRoutes(RoundPagesController(rounds: rounds, runs: runs, results: results, decisions: decisions, pages: pages).endpoints)
    router.addRoutes(AdminPagesController(tokens: tokenController, reviewers: reviewers, signIn: signIn, settings: web, pages: pages).endpoints)
    router.addRoutes(SurveyPagesController(surveys: surveys, pages: pages).endpoints)
    router.addRoutes(NeedsController(surveys: store.surveys, evidence: evidence, pages: pages).endpoints)
    router.addRoutes(RoundSettingsPagesController(rounds: rounds, results: results, changer: changer, pages: pages,
                                                  configDirectory: deps.configDirectory).endpoints)
    router.addRoutes(WebhooksPagesController(webhooks: webhooks, pages: pages).endpoints)
    router.addRoutes(ActivityPagesController(activity: activity, rounds: rounds, pages: pages).endpoints)
    router.addRoutes(WhatIfController(rounds: rounds, results: results, service: deps.runs, activity: activity, pages: pages).endpoints)
    router.addRoutes(ReviewPagesController(rounds: rounds, submitter: ReviewSubmitter(rounds: rounds, now: deps.now),
                                           conflicts: ConflictDeclarer(rounds: rounds, now: deps.now), pages: pages).endpoints)
    return router
}

/// The HTTP application on `config.host:config.port`, with `services` run alongside it in its service group.
/// `onServerRunning` receives the bound port (useful with port 0).
public func buildApplication<Store: StoreRepositories>(_ deps: ServerDependencies<Store>, services: [any Service] = [],
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
