import RingfindGraph

/// A broker's accounts that were never candidates.
extension RingAssembly {
    /// Another account of a ring's broker that was never a candidate (fewer than two vendors'
    /// money seen reaching it): an external, in no ring, that paid one of the ring's core
    /// insiders or exchanged messages with it both ways, in a period that follows or precedes
    /// every ring account's dealings with that insider (overlapping by at most `window`, each
    /// period at least two dealings long, as for `handover(between:and:window:)`), and that a
    /// vendor paying the ring also paid. A broker that switches accounts keeps its insider and
    /// its clients; an account that shares neither, or deals with the insider side by side with
    /// the ring, is someone else — and money from the ring's fronts or other accounts is no tie
    /// (a front or another broker pays many: that link, tried first, attached 3 wrong accounts
    /// to 2 right ones). Attached after significance, it
    /// changes no ring's strength; it joins as a broker with what shows it (`silentAccounts`).
    ///
    /// - Complexity: O(Σ over core insiders of their payments and messages, plus each
    ///   external met's payments and messages).
    static func attachSilentAccounts(
        to merged: inout [Draft], candidates: [CandidateRing], context: RingDetector.Context, window: Int64
    ) {
        var taken = Set(candidates.flatMap(\.accounts))
        for ring in merged {
            taken.formUnion(ring.brokers)
            taken.formUnion(ring.core)
            taken.formUnion(ring.intermediaries.keys)
        }
        for k in merged.indices {
            let money = merged[k].payers
            for e in merged[k].insiders.filter({ $0.value == .core }).keys.sorted() {
                let ringDealings = merged[k].dealings.filter { $0.insider == e }
                guard !ringDealings.isEmpty else { continue }
                for x in dealers(with: e, context: context) where !taken.contains(x) {
                    guard let dealing = Dealing(account: x, insider: e, context: context),
                        let handover = succession(of: dealing, after: ringDealings, window: window),
                        case let shared = paidBy(x, context: context).intersection(money), !shared.isEmpty
                    else { continue }
                    merged[k].brokers.append(x)
                    merged[k].silentAccounts[x] = (handover, shared)
                    taken.insert(x)
                }
            }
        }
    }

    /// Externals that paid `e` or exchanged messages with it both ways, in id order.
    static func dealers(with e: Int32, context: RingDetector.Context) -> [Int32] {
        let payments = context.events.payments
        var found = context.messagedBothWays(with: e)
        for r in context.index.paymentsIn.rows(of: e) { found.insert(payments.source[Int(r)]) }
        return found.filter { context.mayBroker[Int($0)] }.sorted()
    }

    /// Who paid `x`: vendors and other accounts.
    static func paidBy(_ x: Int32, context: RingDetector.Context) -> Set<Int32> {
        let payments = context.events.payments
        return Set(context.index.paymentsIn.rows(of: x).map { payments.source[Int($0)] })
    }

    /// `dealing` and the ring's dealings with the same insider in time order, when it follows
    /// or precedes every one of them.
    static func succession(of dealing: Dealing, after ringDealings: [Dealing], window: Int64) -> Handover? {
        var found: Handover? = nil
        for ringDealing in ringDealings {
            guard let order = Dealing.inSuccession(ringDealing, dealing, window: window) else { return nil }
            found = found ?? Handover(earlier: order.earlier, later: order.later)
        }
        return found
    }
}

extension Dealing {
    /// The period of `account`'s dated payments to `insider` and messages with it either way;
    /// nil with fewer than two.
    init?(account: Int32, insider: Int32, context: RingDetector.Context) {
        let payments = context.events.payments, messages = context.events.communications
        let index = context.index
        var times: [Int64] = []
        for r in index.paymentsOut.rows(of: account) where payments.target[Int(r)] == insider {
            times.append(payments.time[Int(r)])
        }
        for r in index.messagesOut.rows(of: account) where messages.target[Int(r)] == insider {
            times.append(messages.time[Int(r)])
        }
        for r in index.messagesOut.rows(of: insider) where messages.target[Int(r)] == account {
            times.append(messages.time[Int(r)])
        }
        let dated = times.filter { $0 != Timestamp.missing }
        guard dated.count >= 2, let first = dated.min(), let last = dated.max() else { return nil }
        self.init(account: account, insider: insider, first: first, last: last)
    }
}

extension RingExplanation {
    /// The broker's accounts that were never candidates: when each dealt with the insider it
    /// shares with the ring, and the money that ties it to the ring; its payments to that insider
    /// are cited.
    mutating func explainSilentAccounts() {
        let payments = context.events.payments
        let day = { (t: Int64) in String(Timestamp.iso8601(t).prefix(10)) }
        for (x, (h, payers)) in d.silentAccounts.sorted(by: { $0.key < $1.key }) {
            let insider = h.earlier.insider
            let other = h.earlier.account == x ? h.later : h.earlier
            let dealt =
                h.earlier.account == x
                ? "dealt with \(name(insider)) until \(day(h.earlier.last)), and \(name(other.account)) with the same insider from \(day(h.later.first))"
                : "dealt with \(name(insider)) from \(day(h.later.first)), and \(name(other.account)) with the same insider until \(day(h.earlier.last))"
            let reasons = [
                "never assessed on its own (too few vendors' money seen reaching it); paid by "
                    + payers.sorted().map(name).joined(separator: ", ") + ", who also paid the ring",
                dealt + ": another account of one broker, used " + (h.earlier.account == x ? "before" : "after")
                    + " the ring's",
            ]
            members.append(RingMember(entity: x, role: .broker, tier: .associate, score: 0, reasons: reasons))
            for r in context.index.paymentsOut.rows(of: x) where payments.target[Int(r)] == insider {
                evidence.append(EvidenceRow(entity: x, signal: .bribe, type: .payment, row: Int(r)))
            }
        }
    }
}
