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
/// - Complexity: O(access rows + ticket bytes): one pass over each employee's accesses in time
///   order (`EventIndex.accessByEmployee`), with a hash table of the employee's tickets; blocks
///   of employees side by side. About 0.7 s on two cores for 3 M access rows.
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
        let blocks = max(1, min(16, n / 1024))
        var firstUses = [[(row: Int, first: Int)]](repeating: [], count: blocks)
        unjustified.withUnsafeMutableBufferPointer { buffer in
            firstUses.withUnsafeMutableBufferPointer { firsts in
                nonisolated(unsafe) let out = buffer, firsts = firsts
                DispatchQueue.concurrentPerform(iterations: blocks) { b in
                    var tickets = EmployeeTickets()
                    for e in (n * b / blocks)..<(n * (b + 1) / blocks) {
                        tickets.mark(
                            index.accessByEmployee.rows(of: Int32(e)), access: access, sessionGap: sessionGap,
                            into: out, firstUses: &firsts[b])
                    }
                }
            }
        }
        var firstUse: [Int: Int] = [:]
        for block in firstUses { for (row, first) in block { firstUse[row] = first } }
        return (unjustified, firstUse)
    }

    /// One employee's tickets, reused from employee to employee: hash → entry (open addressing
    /// on the hash, rows compared byte for byte), each entry its first row, its last use and
    /// the vendors it covered (a list threaded through `coverVendor` / `coverNext`).
    private struct EmployeeTickets {
        var slots: [UInt64: Int32] = [:]
        var firstRow: [Int] = [], lastTime: [Int64] = [], coverHead: [Int32] = []
        var coverVendor: [Int32] = [], coverNext: [Int32] = []

        /// Marks in `out` the rows among `rows` (one employee's accesses in time order) without a
        /// ticket or with a reused one, and appends each reused row with its ticket's first row
        /// to `firstUses`.
        mutating func mark(
            _ rows: ArraySlice<Int32>, access: EventLog, sessionGap: Int64, into out: UnsafeMutableBufferPointer<Bool>,
            firstUses: inout [(row: Int, first: Int)]
        ) {
            guard !rows.isEmpty else { return }
            slots.removeAll(keepingCapacity: true)
            firstRow.removeAll(keepingCapacity: true)
            lastTime.removeAll(keepingCapacity: true)
            coverHead.removeAll(keepingCapacity: true)
            coverVendor.removeAll(keepingCapacity: true)
            coverNext.removeAll(keepingCapacity: true)
            let ticket = access.ticket
            for r in rows {
                let row = Int(r)
                guard !ticket.isEmpty(row) else {
                    out[row] = true
                    continue
                }
                var key = ticket.hash(row)
                var entry = -1
                while let k = slots[key] {
                    if ticket.equal(firstRow[Int(k)], row) {
                        entry = Int(k)
                        break
                    }
                    key &+= 0x9e37_79b9_7f4a_7c15
                }
                let v = access.target[row], t = access.time[row]
                guard entry >= 0 else {
                    slots[key] = Int32(firstRow.count)
                    firstRow.append(row)
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
