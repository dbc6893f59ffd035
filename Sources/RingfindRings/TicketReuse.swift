import Dispatch
import RingfindGraph

/// Reused tickets: a ticket the same employee already used, more than the session gap earlier,
/// on another vendor's account. A ticket justifies the work of one case; the same ticket shown
/// again days later for an account it never covered is the cheapest fake one (an old,
/// genuine ticket borrowed to pass an audit), so such a job is as unjustified as one without a
/// ticket. Concealment counts both, each employee against their own habits (`EmployeeBaseline`
/// fits the rate of unjustified jobs), so an employee whose honest cases routinely span
/// accounts and days is not mistaken for one borrowing tickets.
///
/// Not reused: the ticket's own accounts again (a case followed up), another account within
/// the session gap of the ticket's last use (a sweep or a case spanning accounts, worked in one
/// sitting), rows naming no vendor (bulk work, whose tickets cover no account), and rows
/// either side of which has no time.
///
/// - Complexity: O(access rows + ticket bytes): each row's ticket hashed once in file order
///   (`ticketKeys`), then one pass over each employee's accesses in time order
///   (`EventIndex.accessByEmployee`) with a hash table of the employee's tickets; blocks of
///   employees side by side. About 1.3 s of CPU for 3 M access rows (`perf` samples on the
///   1M-entity / 10M-event world; 2.6 s when each row was hashed in the employees' order).
enum TicketReuse {
    /// For each access row, whether it is unjustified — no ticket, or a reused one — which is
    /// what concealment counts (`unjustified`), and for each reused row the row where the
    /// employee first used that ticket (`firstUse`, to cite; a row is reused exactly when it
    /// has one). Employees are independent: they are split into blocks worked side by side,
    /// each writing only its own employees' rows.
    static func find(access: EventLog, index: EventIndex, entityCount n: Int, sessionGap: Int64)
        -> (unjustified: [Bool], firstUse: [Int: Int])
    {
        var unjustified = [Bool](repeating: false, count: access.rowCount)
        let keys = ticketKeys(access.ticket, rows: access.rowCount)
        let blocks = max(1, min(16, n / 1024))
        var firstUses = [[(row: Int, first: Int)]](repeating: [], count: blocks)
        unjustified.withUnsafeMutableBufferPointer { buffer in
            firstUses.withUnsafeMutableBufferPointer { firsts in
                nonisolated(unsafe) let out = buffer, firsts = firsts
                DispatchQueue.concurrentPerform(iterations: blocks) { b in
                    var tickets = EmployeeTickets()
                    for e in (n * b / blocks)..<(n * (b + 1) / blocks) {
                        tickets.mark(
                            index.accessByEmployee.rows(of: Int32(e)), access: access, keys: keys,
                            sessionGap: sessionGap, into: out, firstUses: &firsts[b])
                    }
                }
            }
        }
        var firstUse: [Int: Int] = [:]
        for block in firstUses { for (row, first) in block { firstUse[row] = first } }
        return (unjustified, firstUse)
    }

    /// Each row's ticket as a hash key read once, in file order (the employees' passes visit
    /// rows scattered over the log): 0 for no ticket, else the ticket's hash with the low bit
    /// set. Equal tickets have equal keys; keys are compared byte for byte before two rows
    /// count as one ticket.
    ///
    /// - Complexity: O(rows + ticket bytes), blocks of rows side by side.
    static func ticketKeys(_ ticket: StringColumn, rows: Int) -> [UInt64] {
        var keys = [UInt64](repeating: 0, count: rows)
        let blocks = max(1, min(16, rows / 65_536))
        keys.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let out = buffer
            DispatchQueue.concurrentPerform(iterations: blocks) { b in
                for row in (rows * b / blocks)..<(rows * (b + 1) / blocks) where !ticket.isEmpty(row) {
                    out[row] = ticket.hash(row) | 1
                }
            }
        }
        return keys
    }

    /// One employee's tickets, reused from employee to employee: hash → entry (open addressing
    /// on the hash, rows compared byte for byte), and the vendors each entry covered (a list
    /// threaded through `covers`).
    private struct EmployeeTickets {
        /// One ticket: the row it was first used on, the last row and time it was seen (a new
        /// row is compared with the last: equal tickets are equal to any of their rows, and the
        /// last is the likeliest still in cache), and the head of its list of vendors.
        struct Entry {
            var firstRow: Int, lastRow: Int, lastTime: Int64, coverHead: Int32
        }

        var slots: [UInt64: Int32] = [:]
        var entries: [Entry] = []
        var covers: [(vendor: Int32, next: Int32)] = []

        /// Marks in `out` the rows among `rows` (one employee's accesses in time order) without a
        /// ticket or with a reused one, and appends each reused row with its ticket's first row
        /// to `firstUses`.
        mutating func mark(
            _ rows: ArraySlice<Int32>, access: EventLog, keys: [UInt64], sessionGap: Int64,
            into out: UnsafeMutableBufferPointer<Bool>, firstUses: inout [(row: Int, first: Int)]
        ) {
            guard !rows.isEmpty else { return }
            slots.removeAll(keepingCapacity: true)
            entries.removeAll(keepingCapacity: true)
            covers.removeAll(keepingCapacity: true)
            let ticket = access.ticket
            for r in rows {
                let row = Int(r)
                guard keys[row] != 0 else {
                    out[row] = true
                    continue
                }
                var key = keys[row]
                var entry = -1
                while let k = slots[key] {
                    let seen = entries[Int(k)].lastRow
                    if keys[seen] == keys[row] && ticket.equal(seen, row) {
                        entry = Int(k)
                        break
                    }
                    key &+= 0x9e37_79b9_7f4a_7c15
                }
                let v = access.target[row], t = access.time[row]
                guard entry >= 0 else {
                    slots[key] = Int32(entries.count)
                    entries.append(Entry(firstRow: row, lastRow: row, lastTime: t, coverHead: Int32(covers.count)))
                    covers.append((v, -1))
                    continue
                }
                if !isCovered(entry, v) {
                    if v >= 0, let gap = Timestamp.gap(from: entries[entry].lastTime, to: t), gap > sessionGap {
                        out[row] = true
                        firstUses.append((row, entries[entry].firstRow))
                    }
                    covers.append((v, entries[entry].coverHead))
                    entries[entry].coverHead = Int32(covers.count - 1)
                }
                entries[entry].lastTime = t
                entries[entry].lastRow = row
            }
        }

        /// Whether ticket `entry` already covered vendor `v`.
        func isCovered(_ entry: Int, _ v: Int32) -> Bool {
            var i = entries[entry].coverHead
            while i >= 0 {
                if covers[Int(i)].vendor == v { return true }
                i = covers[Int(i)].next
            }
            return false
        }
    }
}
