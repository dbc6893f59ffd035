import RingfindGraph

/// Raw events grouped by entity, in time order, for following money and contact through time.
///
/// Each list is a CSR range of row numbers into the corresponding `EventLog`.
///
/// - Complexity: O(rows + entities) to build (counting sort), plus sorting each list by time.
struct EventIndex {
    struct Lists {
        var offsets: [Int]
        var rows: [Int32]
        func rows(of entity: Int32) -> ArraySlice<Int32> { rows[offsets[Int(entity)]..<offsets[Int(entity) + 1]] }
    }

    let paymentsIn: Lists
    let paymentsOut: Lists
    let messagesOut: Lists
    let messagesIn: Lists
    let accessByEmployee: Lists
    /// Share of all access rows that touch each vendor.
    let accessShare: [Double]

    init(events: EventStore, entityCount n: Int) {
        func group(_ log: EventLog, by key: [Int32]) -> Lists {
            var offsets = [Int](repeating: 0, count: n + 1)
            for k in key where k >= 0 { offsets[Int(k) + 1] += 1 }
            for v in 0..<n { offsets[v + 1] += offsets[v] }
            var rows = [Int32](repeating: 0, count: offsets[n])
            var next = offsets
            for (r, k) in key.enumerated() where k >= 0 {
                rows[next[Int(k)]] = Int32(r)
                next[Int(k)] += 1
            }
            for v in 0..<n where offsets[v + 1] - offsets[v] > 1 {
                rows[offsets[v]..<offsets[v + 1]].sort { (log.time[Int($0)], $0) < (log.time[Int($1)], $1) }
            }
            return Lists(offsets: offsets, rows: rows)
        }
        paymentsIn = group(events.payments, by: events.payments.target)
        paymentsOut = group(events.payments, by: events.payments.source)
        messagesOut = group(events.communications, by: events.communications.source)
        messagesIn = group(events.communications, by: events.communications.target)
        accessByEmployee = group(events.access, by: events.access.source)
        var share = [Double](repeating: 0, count: n)
        var total = 0.0
        for (r, v) in events.access.target.enumerated() where v >= 0 {
            share[Int(v)] += Double(events.access.count[r])
            total += Double(events.access.count[r])
        }
        if total > 0 { for v in 0..<n { share[v] /= total } }
        accessShare = share
    }
}
