import AllotStore

/// What the layout template shows around every page: the title, the navigation the person's role allows, who is
/// signed in, and the CSRF token of the sign-out form.
struct PageLayout: Sendable {
    struct NavItem: Sendable {
        let label: String
        let href: String
        let current: Bool
    }

    /// The page's `<title>` and `<h1>`.
    let title: String
    let nav: [NavItem]
    let hasNav: Bool
    let signedInAs: String?
    let csrf: String?
    /// Breadcrumbs: the pages above this one.
    let crumbs: [NavItem]
    let hasCrumbs: Bool

    init(title: String, nav: [NavItem], hasNav: Bool, signedInAs: String?, csrf: String?, crumbs: [NavItem], hasCrumbs: Bool) {
        self.title = title
        self.nav = nav
        self.hasNav = hasNav
        self.signedInAs = signedInAs
        self.csrf = csrf
        self.crumbs = crumbs
        self.hasCrumbs = hasCrumbs
    }

    /// The layout of a signed-in person's page in `section`.
    init(title: String, identity: Identity?, session: WebSession?, section: WebSection?, crumbs: [(String, String)] = []) {
        self.title = title
        let sections = identity.map { WebSection.sections(for: $0.role) } ?? []
        nav = sections.map { NavItem(label: $0.label, href: $0.path, current: $0 == section) }
        hasNav = !nav.isEmpty
        signedInAs = identity.map { "\($0.name) (\($0.role.rawValue))" }
        csrf = session?.csrf
        self.crumbs = crumbs.map { NavItem(label: $0.0, href: $0.1, current: false) }
        hasCrumbs = !crumbs.isEmpty
    }
}

/// A form's error summary: each problem with the field it belongs to (GOV.UK pattern: the summary at the top links
/// to each field, and each field repeats its message).
struct FormErrors: Sendable {
    struct Item: Sendable {
        /// The field's `id` (the summary's link target).
        let field: String
        let message: String
    }

    let items: [Item]
    /// Stored, not computed: templates read values through reflection, which sees stored properties only.
    let hasErrors: Bool

    init(_ items: [Item] = []) {
        self.items = items
        hasErrors = !items.isEmpty
    }

    /// An API error's message for a form: without its JSON path, as a sentence. The page shows the very words the
    /// API gives.
    static func message(_ error: APIError) -> String {
        var detail = error.detail
        if let path = error.path, detail.hasPrefix(path + ": ") { detail = String(detail.dropFirst(path.count + 2)) }
        return detail.prefix(1).uppercased() + detail.dropFirst()
    }

    /// The message for one field, or nil.
    func message(for field: String) -> String? { items.first { $0.field == field }?.message }
}
