/// The code version recorded with every run, so a decision can be traced to the code that computed it.
public enum AllotVersion {
    /// `allot` semantic version plus the schema's latest migration.
    public static let current = "0.6.0+v3-service"
}
