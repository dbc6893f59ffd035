import RingfindGraph

/// A *job* is the unit concealment is counted in: a run of an employee's consecutive accesses
/// (in time order) under one ticket — on one account or a sweep over several — or, without a
/// ticket, on one account, or one action swept over accounts at most `sessionGap` apart. One
/// decision to skip the ticket covers every action of such a session, so counting actions
/// would count one choice many times and make an honest untracked session or sweep look like a
/// pattern; different favours on different accounts stay different jobs.
enum Jobs {
    /// Calls `body` with the first access row of each of employee `e`'s jobs, in time order,
    /// until it returns false; returns whether it never did.
    ///
    /// - Complexity: O(the employee's accesses).
    @inline(__always)
    static func forEachStart(
        of e: Int32, access: EventLog, index: EventIndex, sessionGap: Int64, _ body: (Int) -> Bool
    ) -> Bool {
        var previous: Int? = nil
        for r in index.accessByEmployee.rows(of: e) {
            defer { previous = Int(r) }
            if let previous, continues(Int(r), after: previous, access: access, sessionGap: sessionGap) { continue }
            if !body(Int(r)) { return false }
        }
        return true
    }

    /// Whether `row` continues the job of `previous` (the employee's access just before it).
    static func continues(_ row: Int, after previous: Int, access: EventLog, sessionGap: Int64) -> Bool {
        guard access.ticket.equal(row, previous) else { return false }
        if !access.ticket.isEmpty(row) || access.target[row] == access.target[previous] { return true }
        guard access.label[row] == access.label[previous],
            let gap = Timestamp.gap(from: access.time[previous], to: access.time[row])
        else { return false }
        return gap <= sessionGap
    }
}

/// What a selected access is to a candidate broker: work on a client's own account, on a rival
/// of a client (same group), or in bulk (naming no vendor).
enum WorkKind {
    case client, rival, bulk

    init(target: Int32, isClient: Bool) {
        self = isClient ? .client : target < 0 ? .bulk : .rival
    }
}
