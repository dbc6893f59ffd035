/// The raw events of one log, kept in columnar arrays (struct of arrays, no object per event).
///
/// Every event keeps where it came from (`file` indexes `EventStore.sourceFiles`, `line` is
/// the 1-based line of the row), so later stages can cite the input row as evidence.
///
/// Columns that a log does not have stay empty: `amount` and `currency` for payments only,
/// `resource` and `ticket` for access only. `label` is the channel (communications), the
/// currency (payments) or the action (access), interned in `EventStore.labels`.
public struct EventLog: Sendable {
    /// Which log this is.
    public let type: EdgeType
    /// `from` (communications, payments) or `employee` (access).
    public var source: [Int32] = []
    /// `to` (communications, payments) or `vendor` (access); -1 when an access row names only a resource.
    public var target: [Int32] = []
    /// Milliseconds since the epoch, or `Timestamp.missing`.
    public var time: [Int64] = []
    /// How many events this row stands for (≥ 1; pre-aggregated inputs use more).
    public var count: [Int32] = []
    /// Channel, currency or action, as an id into `EventStore.labels`; -1 when empty.
    public var label: [Int32] = []
    /// Payment amounts (payments only).
    public var amount: [Double] = []
    /// Accessed resource, as an id into `EventStore.resources`; -1 when empty (access only).
    public var resource: [Int32] = []
    /// Ticket justifying the access; empty means none was recorded (access only).
    public var ticket = StringColumn()
    /// Index of the input file in `EventStore.sourceFiles`.
    public var file: [UInt16] = []
    /// 1-based line of the input row.
    public var line: [UInt32] = []
    /// Rows that named an entity by one of its aliases (sparse: only those rows).
    public var aliasUses = AliasUses()
    /// Rows whose input gave their own `origin` (a reduced input citing the raw log row it
    /// was taken from; sparse: only those rows).
    public var origins = RowOrigins()

    public init(type: EdgeType) { self.type = type }

    /// The number of rows (an aggregated row counts once here; see `count`).
    public var rowCount: Int { source.count }

    /// Total events, summing `count`.
    public var eventCount: Int64 { count.reduce(0) { $0 + Int64($1) } }

    /// Reserves room for `rows` more rows.
    public mutating func reserve(_ rows: Int) {
        let total = source.count + rows
        source.reserveCapacity(total)
        target.reserveCapacity(total)
        time.reserveCapacity(total)
        count.reserveCapacity(total)
        label.reserveCapacity(total)
        file.reserveCapacity(total)
        line.reserveCapacity(total)
        switch type {
        case .payment: amount.reserveCapacity(total)
        case .access:
            resource.reserveCapacity(total)
            ticket.reserve(rows: rows, bytesPerRow: 8)
        case .communication: break
        }
    }
}

/// Where rows of a log named an entity by an alias rather than by its canonical id, so the id
/// can be shown as it appeared in the raw row. Sparse and columnar: one entry per aliased
/// endpoint, appended in row order (so a reader walks it alongside the rows).
public struct AliasUses: Sendable {
    /// The row of the log.
    public var row: [Int32] = []
    /// 0 for the source (`from`, `employee`), 1 for the target (`to`, `vendor`).
    public var side: [UInt8] = []
    /// The alias used, an index into `EntityTable.aliases`.
    public var alias: [Int32] = []

    public init() {}

    /// The number of aliased endpoints.
    public var count: Int { row.count }

    public mutating func append(row: Int, side: UInt8, alias: Int32) {
        self.row.append(Int32(truncatingIfNeeded: row))
        self.side.append(side)
        self.alias.append(alias)
    }
}

/// All raw events, one log per type, plus the small string pools they refer to.
public struct EventStore: Sendable {
    public var communications = EventLog(type: .communication)
    public var payments = EventLog(type: .payment)
    public var access = EventLog(type: .access)
    /// Channels, currencies and actions.
    public var labels = ByteStringInterner(expectedCount: 64)
    /// Accessed resources.
    public var resources = ByteStringInterner(expectedCount: 64)
    /// Input files, as given to the build, indexed by `EventLog.file`.
    public var sourceFiles: [String] = []

    public init() {}

    /// The log of one type.
    public subscript(type: EdgeType) -> EventLog {
        get {
            switch type {
            case .communication: communications
            case .payment: payments
            case .access: access
            }
        }
        set {
            switch type {
            case .communication: communications = newValue
            case .payment: payments = newValue
            case .access: access = newValue
            }
        }
    }

    /// Access rows left out of the logs, given only as the totals the chance model needs
    /// (a `totals` input; see `AccessTotals`).
    public var omittedAccess = AccessTotals()

    /// Where row `row` of a log came from, as cited in evidence: the row's own `origin` when
    /// its input gave one (a reduced input citing the raw log), else `file:line`.
    /// - Complexity: O(log origins) when the log has origins, else O(1).
    public func origin(of row: Int, in type: EdgeType) -> String {
        let log = self[type]
        if let given = log.origins.origin(of: row) { return given }
        return "\(sourceFiles[Int(log.file[row])]):\(log.line[row])"
    }
}

/// The `origin` values some rows of a log carry, sparse and columnar: one entry per row that
/// has one, appended in row order (so lookups are a binary search).
public struct RowOrigins: Sendable {
    /// The rows, increasing.
    public private(set) var rows: [Int32] = []
    public private(set) var texts = StringColumn()

    public init() {}

    /// The number of rows with an origin.
    public var count: Int { rows.count }

    /// Records `origin` for `row`, which must be greater than every row recorded so far.
    public mutating func append(row: Int, origin: UnsafeRawBufferPointer) {
        precondition(rows.last.map { Int($0) < row } ?? true, "origins are appended in row order")
        rows.append(Int32(truncatingIfNeeded: row))
        texts.append(origin)
    }

    /// The origin recorded for `row`, or `nil`.
    public func origin(of row: Int) -> String? {
        guard !rows.isEmpty else { return nil }
        var low = 0, high = rows.count
        while low < high {
            let mid = (low + high) / 2
            if Int(rows[mid]) < row { low = mid + 1 } else { high = mid }
        }
        return low < rows.count && Int(rows[low]) == row ? texts[low] : nil
    }
}

extension EventLog {
    /// Calls `body` with unchecked views of the columns a pass over every row reads: source,
    /// target, count, time and amount (empty unless payments), valid inside `body` only.
    public func withColumns<R>(
        _ body: (
            UnsafeBufferPointer<Int32>, UnsafeBufferPointer<Int32>, UnsafeBufferPointer<Int32>,
            UnsafeBufferPointer<Int64>, UnsafeBufferPointer<Double>
        ) -> R
    ) -> R {
        source.withUnsafeBufferPointer { s in
            target.withUnsafeBufferPointer { t in
                count.withUnsafeBufferPointer { c in
                    time.withUnsafeBufferPointer { w in amount.withUnsafeBufferPointer { a in body(s, t, c, w, a) } }
                }
            }
        }
    }
}
