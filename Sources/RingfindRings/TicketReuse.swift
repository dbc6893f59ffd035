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
    /// on the hash, rows compared byte for byte), each entry its first row, its last use and
    /// the vendors it covered (a list threaded through `coverVendor` / `coverNext`), and the
    /// last row it was seen on (compared with a new row: equal tickets are equal to any of their rows,
    /// and the last is the likeliest still in cache).
    private struct EmployeeTickets {
        var slots: [UInt64: Int32] = [:]
        var firstRow: [Int] = [], lastRow: [Int] = [], lastTime: [Int64] = [], coverHead: [Int32] = []
        var coverVendor: [Int32] = [], coverNext: [Int32] = []

        /// Marks in `out` the rows among `rows` (one employee's accesses in time order) without a
        /// ticket or with a reused one, and appends each reused row with its ticket's first row
        /// to `firstUses`.
        mutating func mark(
            _ rows: ArraySlice<Int32>, access: EventLog, keys: [UInt64], sessionGap: Int64,
            into out: UnsafeMutableBufferPointer<Bool>, firstUses: inout [(row: Int, first: Int)]
        ) {
            guard !rows.isEmpty else { return }
            slots.removeAll(keepingCapacity: true)
            firstRow.removeAll(keepingCapacity: true)
            lastRow.removeAll(keepingCapacity: true)
            lastTime.removeAll(keepingCapacity: true)
            coverHead.removeAll(keepingCapacity: true)
            coverVendor.removeAll(keepingCapacity: true)
            coverNext.removeAll(keepingCapacity: true)
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
                    if keys[lastRow[Int(k)]] == keys[row] && ticket.equal(lastRow[Int(k)], row) {
                        entry = Int(k)
                        break
                    }
                    key &+= 0x9e37_79b9_7f4a_7c15
                }
                let v = access.target[row], t = access.time[row]
                guard entry >= 0 else {
                    slots[key] = Int32(firstRow.count)
                    firstRow.append(row)
                    lastRow.append(row)
                    lastTime.append(t)
                    coverHead.append(Int32(coverVendor.count))
                    coverVendor.append(v)
                    coverNext.append(-1)
                    continue
                }
                if !covers(entry, v) {
                    if v >= 0, let gap = Timestamp.gap(from: lastTime[entry], to: t), gap > sessionGap {
                        out[row] = true
                        firstUses.append((row, firstRow[entry]))
                    }
                    coverVendor.append(v)
                    coverNext.append(coverHead[entry])
                    coverHead[entry] = Int32(coverVendor.count - 1)
                }
                lastTime[entry] = t
                lastRow[entry] = row
            }
        }

        func covers(_ entry: Int, _ v: Int32) -> Bool {
            var i = coverHead[entry]
            while i >= 0 {
                if coverVendor[Int(i)] == v { return true }
                i = coverNext[Int(i)]
            }
            return false
        }
    }
}
