import Foundation
import RingfindGraph

/// Finds broker rings from the behaviour a ring cannot avoid: the loop *vendor pays broker →
/// broker pays or contacts employee → employee touches that vendor's data*, in time order
/// within a window.
///
/// For every candidate broker b — an entity that is not an employee, is paid by at least two
/// vendors (directly, or through a front that pays b) and pays or messages at least one
/// employee (directly, or through a mule b pays) — and every employee e in contact with b:
///
/// 1. **Focus.** O = accesses by e to b's clients; E = what chance gives: e's accesses times the
///    share of all access that goes to b's clients. The surprise is −log₁₀ P(Poisson(E) ≥ O).
///    An insider who keeps touching a handful of vendors among tens of thousands is
///    astronomically surprising; a support worker whose book overlaps an agency's many clients
///    is not.
/// 2. **Timing.** A loop is an access at t₃ to client v with a payment v → b at t₁ and a
///    contact b → e at t₂, t₁ ≤ t₂ ≤ t₃ ≤ t₁ + window.
///
/// Employees with surprise ≥ `minimumSurprise` and at least `minimumLoops` loops are the
/// insiders; the clients their loops touched, the fronts and mules on the way and b form the
/// ring, which needs loops through at least `minimumClients` clients. Its score (in [0, 1]) is
/// a weighted sum of four signals, each reported: `focus` 1 − exp(−Σ surprise / 20) (weight
/// 0.45), `timing` loops / accesses to clients (0.25), `breadth` 1 − exp(−(clients − 1) / 3)
/// (0.15), `concealment` share of loop accesses that are unticketed or sensitive, averaged
/// (0.15); times a `directness` factor 0.85 + 0.1 × the share of insiders the broker talks to
/// + 0.05 × the share of clients that pay it directly — so that in a chain vendor → front →
/// broker → employee, or vendor → broker → mule → employee, the account that deals with the
/// employees is named broker, not the account that only relays money. Rings
/// whose members overlap a higher-scoring ring at Jaccard ≥ 0.5 are dropped.
///
/// Nothing here depends on id formats, names, amounts or how a generator distributes them:
/// only on who paid, contacted and touched whom, and when.
///
/// - Complexity: O(rows log rows) to index, then O(Σ_b Σ_{e ∈ contacts(b)} accesses(e)).
public struct RingDetector: Sendable {
    /// How long after a client's payment a loop may close.
    public var window: Int64 = 30 * 86_400_000
    public var minimumSurprise: Double = 4
    public var minimumLoops: Int = 2
    /// A ring needs loops through at least this many distinct clients ("vendors pay a broker").
    public var minimumClients: Int = 2
    /// Actions that count as sensitive (matched as lowercase substrings).
    public var sensitiveActions = ["delete", "restore", "pii", "export", "personal", "reviewer", "email"]

    public init() {}

    public func run(entities: EntityTable, events: EventStore) -> RingDetection {
        let n = entities.count
        let index = EventIndex(events: events, entityCount: n)
        let isEmployee = entities.kinds.map { $0 == .employee }
        let isVendor = entities.kinds.map { $0 == .vendor }
        let sensitive = sensitiveLabels(events)
        var candidates: [CandidateRing] = []
        var bestPairScore = [Double](repeating: 0, count: n)
        var scan = Scratch(n)
        for b in 0..<Int32(n) where !isEmployee[Int(b)] {
            guard let ring = assess(broker: b, index: index, events: events, isEmployee: isEmployee, isVendor: isVendor,
                                    sensitive: sensitive, scratch: &scan, bestPairScore: &bestPairScore) else { continue }
            candidates.append(ring)
        }
        return RingAssembly.assemble(candidates, entityCount: n, bestPairScore: bestPairScore, entities: entities, window: window)
    }

    /// Action label ids that are sensitive.
    private func sensitiveLabels(_ events: EventStore) -> Set<Int32> {
        var result = Set<Int32>()
        for id in 0..<Int32(events.labels.count) {
            let name = events.labels.string(id).lowercased()
            if sensitiveActions.contains(where: { name.contains($0) }) { result.insert(id) }
        }
        return result
    }

    /// Per-broker scratch, reused: markers and per-entity time lists.
    struct Scratch {
        var clientStamp: [Int32]
        var clientSlot: [Int32]
        var contactStamp: [Int32]
        var contactSlot: [Int32]
        init(_ n: Int) {
            clientStamp = [Int32](repeating: -1, count: n)
            clientSlot = [Int32](repeating: 0, count: n)
            contactStamp = [Int32](repeating: -1, count: n)
            contactSlot = [Int32](repeating: 0, count: n)
        }
    }

    /// A client's payments reaching the broker (times, evidence rows, front used).
    struct ClientMoney {
        var vendor: Int32
        var times: [Int64] = []
        var rows: [Int] = []
        var front: Int32 = -1
        var frontRows: [Int] = []
    }

    /// An employee's contacts with the broker.
    struct Contact {
        var employee: Int32
        var times: [Int64] = []
        /// (log type, row) of each contact.
        var rows: [(EdgeType, Int)] = []
        var mule: Int32 = -1
        var muleRows: [Int] = []
        var paid = 0.0
        var messages = 0
        var payments = 0
    }

    private func assess(broker b: Int32, index: EventIndex, events: EventStore, isEmployee: [Bool], isVendor: [Bool],
                        sensitive: Set<Int32>, scratch: inout Scratch, bestPairScore: inout [Double]) -> CandidateRing? {
        let payments = events.payments, messages = events.communications, access = events.access
        // Clients: vendors paying b, or paying a front that pays b.
        var clients: [ClientMoney] = []
        func client(_ v: Int32) -> Int {
            if scratch.clientStamp[Int(v)] == b { return Int(scratch.clientSlot[Int(v)]) }
            scratch.clientStamp[Int(v)] = b
            scratch.clientSlot[Int(v)] = Int32(clients.count)
            clients.append(ClientMoney(vendor: v))
            return clients.count - 1
        }
        for r in index.paymentsIn.rows(of: b) {
            let payer = payments.source[Int(r)]
            if isVendor[Int(payer)] {
                let c = client(payer)
                clients[c].times.append(payments.time[Int(r)])
                clients[c].rows.append(Int(r))
            } else if !isEmployee[Int(payer)] && payer != b {
                // A possible front: vendors paying `payer` count as b's clients through it.
                for r2 in index.paymentsIn.rows(of: payer) {
                    let v = payments.source[Int(r2)]
                    guard isVendor[Int(v)], payments.time[Int(r2)] <= payments.time[Int(r)] else { continue }
                    let c = client(v)
                    if clients[c].front < 0 || clients[c].front == payer {
                        clients[c].front = payer
                        clients[c].times.append(payments.time[Int(r2)])
                        clients[c].rows.append(Int(r2))
                        clients[c].frontRows.append(Int(r))
                    }
                }
            }
        }
        guard clients.count >= 2 else { return nil }
        // Contacts: employees b pays or messages (either way), or pays through a mule.
        var contacts: [Contact] = []
        func contact(_ e: Int32) -> Int {
            if scratch.contactStamp[Int(e)] == b { return Int(scratch.contactSlot[Int(e)]) }
            scratch.contactStamp[Int(e)] = b
            scratch.contactSlot[Int(e)] = Int32(contacts.count)
            contacts.append(Contact(employee: e))
            return contacts.count - 1
        }
        var relayed = Set<Int>()
        for r in index.paymentsOut.rows(of: b) {
            let to = payments.target[Int(r)]
            if isEmployee[Int(to)] {
                let c = contact(to)
                contacts[c].times.append(payments.time[Int(r)])
                contacts[c].rows.append((.payment, Int(r)))
                contacts[c].paid += payments.amount[Int(r)]
                contacts[c].payments += 1
            } else if !isVendor[Int(to)] && to != b {
                // A possible mule: employees it pays after b paid it.
                for r2 in index.paymentsOut.rows(of: to) {
                    let e = payments.target[Int(r2)]
                    guard isEmployee[Int(e)], let gap = Timestamp.gap(from: payments.time[Int(r)], to: payments.time[Int(r2)]),
                          gap >= 0, gap <= window else { continue }
                    let c = contact(e)
                    if contacts[c].mule < 0 { contacts[c].mule = to }
                    contacts[c].muleRows.append(Int(r))
                    // One relayed payment can follow several of b's payments to the mule: count it once.
                    guard relayed.insert(Int(r2)).inserted else { continue }
                    contacts[c].times.append(payments.time[Int(r2)])
                    contacts[c].rows.append((.payment, Int(r2)))
                    contacts[c].paid += payments.amount[Int(r2)]
                    contacts[c].payments += 1
                }
            }
        }
        for r in index.messagesOut.rows(of: b) where isEmployee[Int(messages.target[Int(r)])] {
            let c = contact(messages.target[Int(r)])
            contacts[c].times.append(messages.time[Int(r)])
            contacts[c].rows.append((.communication, Int(r)))
            contacts[c].messages += 1
        }
        for r in index.messagesIn.rows(of: b) where isEmployee[Int(messages.source[Int(r)])] {
            let c = contact(messages.source[Int(r)])
            contacts[c].times.append(messages.time[Int(r)])
            contacts[c].rows.append((.communication, Int(r)))
            contacts[c].messages += 1
        }
        guard !contacts.isEmpty else { return nil }
        for c in clients.indices { sortByTime(&clients[c]) }
        var clientShare = 0.0
        for c in clients { clientShare += index.accessShare[Int(c.vendor)] }

        var insiders: [CandidateRing.Insider] = []
        for var contact in contacts {
            let order = contact.times.indices.sorted { (contact.times[$0], $0) < (contact.times[$1], $1) }
            contact.times = order.map { contact.times[$0] }
            contact.rows = order.map { contact.rows[$0] }
            let e = contact.employee
            var observed = 0.0, total = 0.0
            var loops: [CandidateRing.Loop] = []
            var unticketed = 0, sensitiveCount = 0
            for r in index.accessByEmployee.rows(of: e) {
                let row = Int(r)
                let v = access.target[row]
                guard v >= 0 else { continue }
                total += Double(access.count[row])
                guard scratch.clientStamp[Int(v)] == b else { continue }
                observed += Double(access.count[row])
                let t3 = access.time[row]
                let money = clients[Int(scratch.clientSlot[Int(v)])]
                guard t3 != Timestamp.missing,
                      let p = lastIndex(in: money.times, atMost: t3), let gap = Timestamp.gap(from: money.times[p], to: t3), gap <= window,
                      let k = firstIndex(in: contact.times, atLeast: money.times[p]), contact.times[k] <= t3 else { continue }
                loops.append(.init(client: Int(scratch.clientSlot[Int(v)]), payment: money.rows[p], contact: contact.rows[k], access: row))
                if access.ticket.isEmpty(row) { unticketed += 1 }
                if sensitive.contains(access.label[row]) { sensitiveCount += 1 }
            }
            let expected = total * clientShare
            let surprise = PoissonSurprise.of(observed: observed, expected: expected)
            let pairScore = (1 - exp(-surprise / 20)) * (observed > 0 ? Double(loops.count) / observed : 0)
            bestPairScore[Int(e)] = max(bestPairScore[Int(e)], 0.5 * pairScore)
            bestPairScore[Int(b)] = max(bestPairScore[Int(b)], 0.5 * pairScore)
            guard surprise >= minimumSurprise, loops.count >= minimumLoops else { continue }
            insiders.append(.init(contact: contact, observed: observed, expected: expected, surprise: surprise, loops: loops,
                                  unticketed: unticketed, sensitive: sensitiveCount))
        }
        guard !insiders.isEmpty else { return nil }
        let loopClients = Set(insiders.flatMap { $0.loops.map(\.client) })
        guard loopClients.count >= minimumClients else { return nil }
        return CandidateRing(broker: b, clients: clients, insiders: insiders)
    }

    private func sortByTime(_ money: inout ClientMoney) {
        let times = money.times, rows = money.rows
        let order = times.indices.sorted { (times[$0], rows[$0]) < (times[$1], rows[$1]) }
        money.times = order.map { times[$0] }
        money.rows = order.map { rows[$0] }
    }

    /// The last index whose value is ≤ `limit`.
    private func lastIndex(in sorted: [Int64], atMost limit: Int64) -> Int? {
        var low = 0, high = sorted.count
        while low < high {
            let mid = (low + high) / 2
            if sorted[mid] <= limit { low = mid + 1 } else { high = mid }
        }
        return low > 0 ? low - 1 : nil
    }

    /// The first index whose value is ≥ `limit`.
    private func firstIndex(in sorted: [Int64], atLeast limit: Int64) -> Int? {
        var low = 0, high = sorted.count
        while low < high {
            let mid = (low + high) / 2
            if sorted[mid] < limit { low = mid + 1 } else { high = mid }
        }
        return low < sorted.count ? low : nil
    }
}

/// A broker with its clients and the insiders that passed the tests, before scoring.
struct CandidateRing {
    struct Loop {
        var client: Int
        var payment: Int
        var contact: (EdgeType, Int)
        var access: Int
    }

    struct Insider {
        var contact: RingDetector.Contact
        var observed: Double
        var expected: Double
        var surprise: Double
        var loops: [Loop]
        var unticketed: Int
        var sensitive: Int
    }

    var broker: Int32
    var clients: [RingDetector.ClientMoney]
    var insiders: [Insider]
}
