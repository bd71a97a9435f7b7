import AllotStore

/// Who is calling: the token's record.
public struct Identity: Sendable, Equatable {
    public let tokenID: String
    public let name: String
    public let role: TokenRole
    /// Set for reviewer tokens: the reviewer they act as.
    public let reviewerID: String?

    /// Creates an identity from a token record.
    public init(_ record: TokenRecord) {
        tokenID = record.id
        name = record.name
        role = record.role
        reviewerID = record.reviewerID
    }

    /// Who made a change, for the audit trail: the token's name and id.
    public var auditName: String { "\(name) (\(tokenID))" }
}
