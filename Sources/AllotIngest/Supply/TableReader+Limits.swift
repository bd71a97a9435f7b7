import AllotCore

extension TableReader {
    /// A required name (a provider's) of at most `InputLimits.maxNameLength` characters.
    func name(_ column: String, _ expected: String) throws -> String {
        let text = try required(column, expected)
        guard text.count <= InputLimits.maxNameLength else {
            throw invalid(column, "\(expected) of at most \(InputLimits.maxNameLength) characters")
        }
        return text
    }
}
