/// Access rows left out of the access log, given only as what the chance model of ring
/// detection reads from rows that are not a candidate's contacts' own: each employee's jobs
/// (and how many had no ticket) on vendors' accounts and in bulk, each vendor's accesses, and
/// the kinds of action. A reduced input (`spark/reduce.py`) keeps every access row of the
/// employees a candidate broker deals with, and these totals for everybody else, so that the
/// population prior (`EmployeeBaseline`), the vendors' shares of all access (focus) and the
/// number of action kinds (unusual action) are those of the whole log.
///
/// Totals add to what the log's own rows give; they describe whole jobs left out, so an
/// employee's jobs are either rows or totals, not a job split between both.
public struct AccessTotals: Sendable, Equatable {
    /// Jobs of one employee in the rows left out.
    public struct Jobs: Sendable, Equatable {
        /// Jobs on vendors' accounts, and those without a ticket.
        public var vendor = 0, vendorUnticketed = 0
        /// Jobs naming no vendor (bulk), and those without a ticket.
        public var bulk = 0, bulkUnticketed = 0

        public init() {}
    }

    /// Employee entity → its jobs in the rows left out.
    public var jobs: [Int32: Jobs] = [:]
    /// Vendor entity → accesses naming it in the rows left out.
    public var accesses: [Int32: Int64] = [:]
    /// Accesses naming a vendor in the rows left out, for vendors not in `accesses` (they count
    /// towards every vendor's share of all access, but none of them is anybody's client).
    public var otherAccesses: Int64 = 0
    /// Actions (ids into `EventStore.labels`) named by rows left out.
    public var actions: Set<Int32> = []

    public init() {}

    /// Whether no totals were given.
    public var isEmpty: Bool { jobs.isEmpty && accesses.isEmpty && otherAccesses == 0 && actions.isEmpty }
}
