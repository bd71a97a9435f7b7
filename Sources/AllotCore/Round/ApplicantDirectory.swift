/// The applicants of a round: every proposal's `applicant` grouped by `ApplicantKey`, with the spellings merged under
/// each and one display name chosen so that output is byte-identical whatever the order of the proposals.
public struct ApplicantDirectory: Sendable {
    /// One applicant and how its proposals spell it.
    public struct Entry: Sendable, Equatable {
        public let key: ApplicantKey
        /// The spelling shown for the applicant: the most frequent among its proposals, ties to the first in sorted
        /// order. Counting and sorting, never file order, is what keeps it the same under shuffled rows.
        public let name: String
        /// Every distinct spelling, sorted.
        public let spellings: [String]
        /// Ids of its proposals, sorted.
        public let proposals: [String]
    }

    /// Sorted by key.
    public let entries: [Entry]
    private let byKey: [ApplicantKey: Int]

    /// The applicants of `proposals`.
    public init(_ proposals: [Proposal]) {
        self.init(proposals.map { (id: $0.id, applicant: $0.applicant) })
    }

    /// The applicants of (proposal id, applicant as written) pairs.
    public init(_ proposals: [(id: String, applicant: String)]) {
        var counts: [ApplicantKey: [String: Int]] = [:]
        var ids: [ApplicantKey: [String]] = [:]
        for p in proposals {
            let key = ApplicantKey(p.applicant)
            counts[key, default: [:]][p.applicant, default: 0] += 1
            ids[key, default: []].append(p.id)
        }
        entries = counts.keys.sorted().map { key in
            let spellings = counts[key] ?? [:]
            let name = spellings.min { a, b in a.value != b.value ? a.value > b.value : a.key < b.key }?.key ?? key.value
            return Entry(key: key, name: name, spellings: spellings.keys.sorted(), proposals: (ids[key] ?? []).sorted())
        }
        byKey = Dictionary(uniqueKeysWithValues: entries.enumerated().map { ($1.key, $0) })
    }

    /// The applicant `name` belongs to, if any of the proposals spells it that way or another way with the same key.
    public func entry(for name: String) -> Entry? {
        byKey[ApplicantKey(name)].map { entries[$0] }
    }

    /// The display name of the applicant `name` belongs to (`name` itself when no proposal has its key).
    public func displayName(of name: String) -> String {
        entry(for: name)?.name ?? name
    }
}
