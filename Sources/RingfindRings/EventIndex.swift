import Foundation
import RingfindGraph

/// Raw events grouped by entity, in time order, for following money and contact through time.
///
/// Each list is a CSR range of row numbers into the corresponding `EventLog`.
///
/// - Complexity: O(rows + entities) to build (`CSRLayout`), plus sorting each list by time
///   when the file was not in time order; the five lists are built in parallel.
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
    /// Share of all access rows that touch each vendor (with those left out of the log and
    /// given as totals, `EventStore.omittedAccess`).
    let accessShare: [Double]

    init(events: EventStore, entityCount n: Int) {
        @Sendable func group(_ log: EventLog, by key: [Int32]) -> Lists {
            let layout = CSRLayout(keys: key, keyCount: n)
            let offsets = layout.offsets
            var rows = layout.order
            // Rows are in file order, which is usually time order already: sort only lists that
            // are not, by (time, row) pairs gathered once (each row's time is read once, not
            // at every comparison).
            var pairs: [(time: Int64, row: Int32)] = []
            log.time.withUnsafeBufferPointer { time in
                rows.withUnsafeMutableBufferPointer { rows in
                    for v in 0..<n where offsets[v + 1] - offsets[v] > 1 {
                        let range = offsets[v]..<offsets[v + 1]
                        var sorted = true
                        for i in range.dropFirst() where time[Int(rows[i - 1])] > time[Int(rows[i])] {
                            sorted = false
                            break
                        }
                        guard !sorted else { continue }
                        pairs.removeAll(keepingCapacity: true)
                        for i in range { pairs.append((time[Int(rows[i])], rows[i])) }
                        pairs.sort { ($0.time, $0.row) < ($1.time, $1.row) }
                        for (i, pair) in zip(range, pairs) { rows[i] = pair.row }
                    }
                }
            }
            return Lists(offsets: offsets, rows: rows)
        }
        // The five lists are independent: built side by side (the result does not depend on scheduling).
        let jobs: [(EventLog, [Int32])] = [
            (events.payments, events.payments.target), (events.payments, events.payments.source),
            (events.communications, events.communications.source),
            (events.communications, events.communications.target),
            (events.access, events.access.source),
        ]
        var built = [Lists?](repeating: nil, count: jobs.count)
        built.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let out = buffer
            DispatchQueue.concurrentPerform(iterations: jobs.count) { i in out[i] = group(jobs[i].0, by: jobs[i].1) }
        }
        paymentsIn = built[0]!
        paymentsOut = built[1]!
        messagesOut = built[2]!
        messagesIn = built[3]!
        accessByEmployee = built[4]!
        var share = [Double](repeating: 0, count: n)
        var total = 0.0
        for (r, v) in events.access.target.enumerated() where v >= 0 {
            share[Int(v)] += Double(events.access.count[r])
            total += Double(events.access.count[r])
        }
        // Accesses of rows left out of the log (a reduced input's totals).
        for (v, count) in events.omittedAccess.accesses {
            share[Int(v)] += Double(count)
            total += Double(count)
        }
        total += Double(events.omittedAccess.otherAccesses)
        if total > 0 { for v in 0..<n { share[v] /= total } }
        accessShare = share
    }
}
