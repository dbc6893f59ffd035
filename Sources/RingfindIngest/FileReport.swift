/// What reading one input file gave: the accounting that proves nothing was lost
/// (`rowsRead == rowsAccepted + rowsRejected + rowsOutsideWindow`).
public struct FileReport: Sendable, Codable, Equatable {
    public var path: String
    public var kind: String
    public var format: String
    public var bytes: Int
    public var sha256: String
    /// Rows (records) read, not counting the header and blank lines.
    public var rowsRead: Int
    public var rowsAccepted: Int
    public var rowsRejected: Int
    /// Blank lines skipped.
    public var blankLines: Int
    /// Rejected rows per reason code.
    public var rejectsByReason: [String: Int]
    /// Columns (or JSON keys) that are not part of the contract and were not kept.
    public var ignoredColumns: [String]
    /// Access rows with no vendor: they name only a resource that no `resources` rule maps
    /// (kept as events, not part of any vendor edge).
    public var rowsWithoutVendor: Int
    /// Log rows dated outside `--since/--until`: read and counted, not stored.
    public var rowsOutsideWindow: Int = 0
    /// Access rows that name only a resource and got their vendor from a `resources` rule.
    public var rowsVendorFromResource: Int = 0
}
