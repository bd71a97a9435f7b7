/// A data row must have as many fields as the header row: an unquoted comma in a free-text answer adds a field and
/// shifts every later answer into the wrong column, and a short row leaves answers unaccounted for. Either way the
/// row cannot be read safely, so every CSV reader refuses it with its place and both counts.
public enum FieldCount {
    /// The 1-based column where the row stops matching the header: the first surplus field, or the first missing one.
    public static func column(expected: Int, found: Int) -> Int { min(expected, found) + 1 }

    /// What is wrong and what to do, without the place.
    public static func message(expected: Int, found: Int) -> String {
        if found > expected {
            return "the row has \(found) fields but the header row has \(expected); an answer holding a comma must be quoted "
                + "(\"like, this\"), or every later answer shifts into the wrong column"
        }
        return "the row has \(found) fields but the header row has \(expected); every row needs one cell per column, blank cells included"
    }
}
