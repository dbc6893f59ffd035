import RingfindGraph

/// Loops in time — a client's payment, then a contact with the employee, then the job, all
/// within the window — and their chance under the employee's own job times shuffled.
extension RingDetector {
    /// Sorted payment times (known ones only) of one client, or of all clients merged.
    struct PaymentTimes {
        var times: [Int64]

        init(_ money: ClientMoney) { times = money.times.filter { $0 != Timestamp.missing } }

        init(merging clients: [ClientMoney]) {
            times = clients.flatMap(\.times).filter { $0 != Timestamp.missing }.sorted()
        }
    }

    /// Whether a job at `t` closes a loop: take the earliest payment in [t − window, t] and the
    /// first contact at or after it; that contact must be at most `t`. The earliest payment in
    /// the window leaves the most room for the contact, so a loop exists exactly when this finds one.
    static func closesLoop(at t: Int64, money: PaymentTimes, contact: Contact, window: Int64) -> Bool {
        guard t != Timestamp.missing else { return false }
        let (start, overflow) = t.subtractingReportingOverflow(window)
        guard !overflow, let p = firstIndex(in: money.times, atLeast: start), money.times[p] <= t,
            let k = firstIndex(in: contact.times, atLeast: money.times[p])
        else { return false }
        return contact.times[k] <= t
    }

    /// The share of `times` (sorted, at or after `from`) at which a job would close a loop:
    /// times in ∪ over payments t₁ of [first contact ≥ t₁, t₁ + window]. Payments are in time
    /// order, so the intervals' ends increase and each time is counted once.
    ///
    /// - Complexity: O(payments · log(contacts + times)).
    static func coveredShare(of times: [Int64], from: Int64, money: PaymentTimes, contact: Contact, window: Int64)
        -> Double
    {
        let first = from == Timestamp.missing ? 0 : (firstIndex(in: times, atLeast: from) ?? times.count)
        let eligible = times.count - first
        guard eligible > 0 else { return 0 }
        var covered = 0
        var countedUpTo = first  // times[..<countedUpTo] are counted or excluded
        for t1 in money.times {
            guard let k = firstIndex(in: contact.times, atLeast: t1) else { break }
            let (end, overflow) = t1.addingReportingOverflow(window)
            guard !overflow, contact.times[k] <= end else { continue }
            let start = max(firstIndex(in: times, atLeast: contact.times[k]) ?? times.count, countedUpTo)
            let stop = firstIndex(in: times, atLeast: end &+ 1) ?? times.count
            if stop > start { covered += stop - start }
            countedUpTo = max(countedUpTo, stop)
        }
        return Double(covered) / Double(eligible)
    }

    /// The first index whose value is ≥ `limit`.
    static func firstIndex(in sorted: [Int64], atLeast limit: Int64) -> Int? {
        var low = 0, high = sorted.count
        while low < high {
            let mid = (low + high) / 2
            if sorted[mid] < limit { low = mid + 1 } else { high = mid }
        }
        return low < sorted.count ? low : nil
    }
}
