import RingfindGraph

/// Pairs of candidate accounts that may be one broker's, used one after the other: a vendor paid
/// both, and an employee tied to both (money, or messages both ways) and tested for each dealt
/// with one account and then with the other — the periods of their payments and messages
/// overlapping by at most the window, each period at least two dealings long — and each
/// account itself pays or messages an employee it is tested with: one that reaches employees
/// only through accounts it pays is a front passing vendor money on (a go-between, as
/// `RingAssembly.join` has it), not a broker's account of its own. Money passing between the
/// two is no objection: a broker that switches accounts may move its balance across.
///
/// A broker that switches accounts half-way leaves each account half the evidence, often too
/// little to be significant on its own; `RingDetector` assesses each pair found here once more
/// as one candidate with both accounts. Which pairs are found depends only on who paid and
/// messaged whom and when — never on the conduct under test — so each is one more hypothesis
/// for the false-discovery correction and nothing else.
///
/// - Complexity: O(Σₑ kₑ²) over the employees e tested by kₑ candidates, plus one set of payers
///   and one look at the contacts per candidate involved.
enum SuccessiveAccounts {
    static func pairs(_ candidates: [CandidateRing], window: Int64) -> [(earlier: Int, later: Int)] {
        var periods: [Int32: [(candidate: Int, dealing: Dealing)]] = [:]
        for (i, candidate) in candidates.enumerated() {
            for pair in candidate.pairs where !pair.tests.isEmpty && pair.contact.isTie {
                guard let dealing = Dealing(account: candidate.broker, contact: pair.contact) else { continue }
                periods[pair.contact.employee, default: []].append((i, dealing))
            }
        }
        var payers: [Int: Set<Int32>] = [:]
        func payersOf(_ i: Int) -> Set<Int32> {
            if let known = payers[i] { return known }
            let set = Set(candidates[i].clients.map(\.vendor))
            payers[i] = set
            return set
        }
        var dealer: [Int: Bool] = [:]
        /// Whether candidate `i`'s account itself pays or messages an employee it is tested with.
        func dealsItself(_ i: Int) -> Bool {
            if let known = dealer[i] { return known }
            let deals = candidates[i].pairs.contains { !$0.tests.isEmpty && $0.contact.isDirect }
            dealer[i] = deals
            return deals
        }
        var found = Set<Int>()
        var result: [(earlier: Int, later: Int)] = []
        for e in periods.keys.sorted() {
            guard let list = periods[e], list.count >= 2 else { continue }
            for x in list.indices {
                for y in list.indices where y > x && list[x].candidate != list[y].candidate {
                    let a = list[x], b = list[y]
                    guard let succession = Dealing.inSuccession(a.dealing, b.dealing, window: window) else { continue }
                    let order =
                        succession.earlier.account == a.dealing.account
                        ? (earlier: a.candidate, later: b.candidate) : (earlier: b.candidate, later: a.candidate)
                    let key = min(a.candidate, b.candidate) * candidates.count + max(a.candidate, b.candidate)
                    guard !found.contains(key), !payersOf(a.candidate).isDisjoint(with: payersOf(b.candidate)),
                        dealsItself(a.candidate), dealsItself(b.candidate)
                    else { continue }
                    found.insert(key)
                    result.append(order)
                }
            }
        }
        return result.sorted { ($0.earlier, $0.later) < ($1.earlier, $1.later) }
    }
}

/// One account's dealings with one employee — payments (directly or through a mule) and
/// messages either way: when the first and the last were. A broker that switches accounts shows
/// as two periods with the same employee, one after the other.
struct Dealing {
    var account: Int32
    var insider: Int32
    var first: Int64
    var last: Int64

    /// The period of the contact's dated dealings with `account`; nil with fewer than two (one
    /// message is no period).
    init?(account: Int32, contact: RingDetector.Contact) {
        let dealt = contact.times.filter { $0 != Timestamp.missing }  // in time order
        guard dealt.count >= 2, let first = dealt.first, let last = dealt.last else { return nil }
        (self.account, insider, self.first, self.last) = (account, contact.employee, first, last)
    }

    init(account: Int32, insider: Int32, first: Int64, last: Int64) {
        (self.account, self.insider, self.first, self.last) = (account, insider, first, last)
    }

    /// The two periods in time order when one follows the other, overlapping by at most
    /// `window` (a handover); nil when they run side by side.
    static func inSuccession(_ a: Dealing, _ b: Dealing, window: Int64) -> (earlier: Dealing, later: Dealing)? {
        if let overlap = Timestamp.gap(from: b.first, to: a.last), overlap <= window { return (a, b) }
        if let overlap = Timestamp.gap(from: a.first, to: b.last), overlap <= window { return (b, a) }
        return nil
    }
}
