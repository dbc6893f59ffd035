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

    /// The report of `input` before any row is read.
    static func empty(for input: InputFile) -> FileReport {
        FileReport(
            path: input.path, kind: input.kind.rawValue, format: input.format.rawValue, bytes: 0, sha256: "",
            rowsRead: 0, rowsAccepted: 0, rowsRejected: 0, blankLines: 0, rejectsByReason: [:], ignoredColumns: [],
            rowsWithoutVendor: 0, rowsOutsideWindow: 0, rowsVendorFromResource: 0)
    }
}
