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
///   order (`EventIndex.accessByEmployee`), with a hash table of the employee's tickets.
enum TicketReuse {
    /// For each access row, whether its ticket is reused.
    static func reused(access: EventLog, index: EventIndex, entityCount n: Int, sessionGap: Int64) -> [Bool] {
        var reused = [Bool](repeating: false, count: access.rowCount)
        // One employee's tickets: hash → entry (open addressing on the hash, rows compared byte
        // for byte), each entry its first row, its last use and the vendors it covered.
        var slots: [UInt64: Int] = [:]
        var firstRow: [Int] = [], lastTime: [Int64] = [], vendors: [[Int32]] = []
        for e in 0..<n {
            let rows = index.accessByEmployee.rows(of: Int32(e))
            guard rows.count > 1 else { continue }
            slots.removeAll(keepingCapacity: true)
            firstRow.removeAll(keepingCapacity: true)
            lastTime.removeAll(keepingCapacity: true)
            vendors.removeAll(keepingCapacity: true)
            for r in rows {
                let row = Int(r)
                guard !access.ticket.isEmpty(row) else { continue }
                var key = access.ticket.hash(row)
                var entry: Int? = nil
                while let k = slots[key] {
                    if access.ticket.equal(firstRow[k], row) {
                        entry = k
                        break
                    }
                    key &+= 0x9e37_79b9_7f4a_7c15
                }
                let v = access.target[row], t = access.time[row]
                guard let k = entry else {
                    slots[key] = firstRow.count
                    firstRow.append(row)
                    lastTime.append(t)
                    vendors.append([v])
                    continue
                }
                if v >= 0, !vendors[k].contains(v), let gap = Timestamp.gap(from: lastTime[k], to: t), gap > sessionGap
                {
                    reused[row] = true
                }
                if !vendors[k].contains(v) { vendors[k].append(v) }
                lastTime[k] = t
            }
        }
        return reused
    }
}
