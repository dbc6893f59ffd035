import RingfindGraph

/// Money passed on through an account: which payments into it funded a payment out of it.
///
/// A front (vendor → front → broker) and a mule (broker → mule → employee) are accounts that
/// pass money on soon, and cannot pass on more than they received. Following every payment
/// within the window instead would make every customer of a busy firm that once paid a broker
/// that broker's client, and every employee a payroll firm pays that broker's insider. So a
/// payment out is matched to the payments in that can have funded it, by amount:
/// - **funding** (fronts): the smallest single vendor payment in the window before that covers
///   the amount (a pass-through minus a fee); when none does, the most recent vendor payments
///   until they cover it together (several clients' money forwarded at once); none when even
///   all of them do not.
/// - **relays** (mules): the account's payments to employees in the window after the receipt,
///   in time order, as long as their sum stays within the amount received (one lump split over
///   several insiders; the mule keeps its cut).
///
/// A front, moreover, passes on most of the vendor money it receives to the broker — or to its
/// accounts, when it has two that deal with the same employees (`passesOnMost`): a firm with
/// many customers that pays a broker a small share of its income is the broker's customer or
/// supplier, not its front, and its customers are not the broker's clients.
///
/// A payment whose time is unknown can neither be placed in nor excluded from a window; it is
/// matched by amount alone.
///
/// - Complexity: O(d log d) per payment matched, d = the account's payments in (or out);
///   `passesOnMost` is O(d), plus one `alsoBroker` call per other recipient only when the
///   broker alone gets less than half.
enum PassThrough {
    /// Whether `time` falls within `window` after `start` (or either time is unknown).
    static func follows(_ time: Int64, _ start: Int64, within window: Int64) -> Bool {
        guard let gap = Timestamp.gap(from: start, to: time) else { return true }
        return gap >= 0 && gap <= window
    }

    /// Whether `front` passes most of its vendor income on to `broker`: it paid `broker` — and
    /// any other account `alsoBroker` accepts (a second account of the broker's, dealing with
    /// the same employees) — at least half of what vendors paid `front`. A firm paying a broker
    /// a small share of its income, the rest to its suppliers, is not a front.
    static func passesOnMost(
        of front: Int32, to broker: Int32, payments: EventLog, index: EventIndex, isVendor: [Bool],
        alsoBroker: (Int32) -> Bool
    ) -> Bool {
        var received = 0.0
        for r in index.paymentsIn.rows(of: front) where isVendor[Int(payments.source[Int(r)])] {
            received += payments.amount[Int(r)]
        }
        let out = index.paymentsOut.rows(of: front)
        guard received > 0 else { return false }
        // Sums in row order, so they are the same every run.
        var own = 0.0, all = 0.0
        for r in out {
            all += payments.amount[Int(r)]
            if payments.target[Int(r)] == broker { own += payments.amount[Int(r)] }
        }
        guard own > 0, all >= 0.5 * received else { return false }
        if own >= 0.5 * received { return true }
        // Only now ask which other recipients are the broker's (each at most once).
        var accepted: [Int32: Bool] = [broker: true]
        var passed = 0.0
        for r in out {
            let to = payments.target[Int(r)]
            if accepted[to] == nil { accepted[to] = alsoBroker(to) }
            if accepted[to] == true { passed += payments.amount[Int(r)] }
        }
        return passed >= 0.5 * received
    }

    /// Vendor payments into `front` that funded its payment `out`.
    static func funding(
        of out: Int, into front: Int32, payments: EventLog, index: EventIndex, isVendor: [Bool], window: Int64
    ) -> [Int] {
        let t = payments.time[out], amount = payments.amount[out]
        var eligible: [Int] = []
        for r in index.paymentsIn.rows(of: front) where isVendor[Int(payments.source[Int(r)])] {
            if follows(t, payments.time[Int(r)], within: window) { eligible.append(Int(r)) }
        }
        // Most recent first (unknown times last), then row order.
        eligible.sort { payments.time[$0] != payments.time[$1] ? payments.time[$0] > payments.time[$1] : $0 < $1 }
        if let single = eligible.filter({ payments.amount[$0] >= amount }).min(by: {
            payments.amount[$0] < payments.amount[$1]
        }) {
            return [single]
        }
        var sum = 0.0
        for (i, r) in eligible.enumerated() {
            sum += payments.amount[r]
            if sum >= amount { return Array(eligible[...i]) }
        }
        return []
    }

    /// Payments to employees out of `mule` that relay its receipt `incoming`.
    static func relays(
        of incoming: Int, from mule: Int32, payments: EventLog, index: EventIndex, isEmployee: [Bool], window: Int64
    ) -> [Int] {
        let t = payments.time[incoming], amount = payments.amount[incoming]
        var eligible: [Int] = []
        for r in index.paymentsOut.rows(of: mule) where isEmployee[Int(payments.target[Int(r)])] {
            if follows(payments.time[Int(r)], t, within: window) { eligible.append(Int(r)) }
        }
        eligible.sort { (payments.time[$0], $0) < (payments.time[$1], $1) }
        var sum = 0.0
        var relayed: [Int] = []
        for r in eligible where sum + payments.amount[r] <= amount {
            sum += payments.amount[r]
            relayed.append(r)
        }
        return relayed
    }
}
