import AllotStore

/// The parts of the web app a signed-in person can reach from the navigation, by role.
enum WebSection: CaseIterable, Sendable {
    case rounds
    case needs
    case surveys
    case admin
    case reviews

    var path: String {
        switch self {
        case .rounds: "/rounds"
        case .needs: "/needs"
        case .surveys: "/surveys"
        case .admin: "/admin"
        case .reviews: "/reviews"
        }
    }

    var label: String {
        switch self {
        case .rounds: "Rounds"
        case .needs: "Need map"
        case .surveys: "Surveys"
        case .admin: "Administration"
        case .reviews: "Your reviews"
        }
    }

    /// What each role's navigation lists (the same rules as the API's roles: a reviewer reads only its reviews).
    static func sections(for role: TokenRole) -> [WebSection] {
        switch role {
        case .admin: [.rounds, .needs, .surveys, .admin]
        case .analyst: [.rounds, .needs, .surveys]
        case .reviewer: [.reviews]
        }
    }

    /// Where a person lands after signing in when they asked for no page.
    static func home(for role: TokenRole) -> String {
        switch role {
        case .admin, .analyst: WebSection.rounds.path
        case .reviewer: WebSection.reviews.path
        }
    }
}
