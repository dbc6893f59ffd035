import Foundation
import RingfindGraph

/// Turns candidate rings into scored, explained, deduplicated rings and entity scores.
enum RingAssembly {
    static let roleWeight: [RingRole: Double] = [.broker: 1, .insider: 0.97, .intermediary: 0.94, .client: 0.9]

    static func assemble(_ candidates: [CandidateRing], entityCount n: Int, bestPairScore: [Double], entities: EntityTable,
                         window: Int64) -> RingDetection {
        var rings = candidates.map { score($0, entities: entities, window: window) }
        rings.sort { ($0.score, -$0.members[0].entity) > ($1.score, -$1.members[0].entity) }
        // Drop rings that mostly repeat a better one.
        var kept: [Ring] = []
        var keptSets: [Set<Int32>] = []
        for ring in rings {
            let set = Set(ring.members.map(\.entity))
            if keptSets.contains(where: { jaccard($0, set) >= 0.5 }) { continue }
            kept.append(ring)
            keptSets.append(set)
        }
        for i in kept.indices { kept[i].rank = i + 1 }
        var scores = bestPairScore.map { min($0, 0.49) }
        var roles = [RingRole?](repeating: nil, count: n)
        var ringOf = [Int](repeating: 0, count: n)
        var reasons = [[String]](repeating: [], count: n)
        for ring in kept.reversed() {  // best ring last, so it wins
            for member in ring.members {
                let e = Int(member.entity)
                if ringOf[e] == 0 || ring.rank < ringOf[e] || member.score >= scores[e] {
                    scores[e] = max(member.score, scores[e] > 0.49 ? scores[e] : 0)
                    roles[e] = member.role
                    ringOf[e] = ring.rank
                    reasons[e] = member.reasons
                }
            }
        }
        let order = (0..<Int32(n)).sorted { (scores[Int($0)], -$0) > (scores[Int($1)], -$1) }
        var rank = [Int](repeating: 0, count: n)
        for (i, e) in order.enumerated() { rank[Int(e)] = i + 1 }
        return RingDetection(rings: kept, scores: scores, roles: roles, ringOf: ringOf, reasons: reasons, order: order, rank: rank)
    }

    static func jaccard(_ a: Set<Int32>, _ b: Set<Int32>) -> Double {
        let union = a.union(b).count
        return union == 0 ? 0 : Double(a.intersection(b).count) / Double(union)
    }

    /// Scores a candidate and explains every member.
    static func score(_ candidate: CandidateRing, entities: EntityTable, window: Int64) -> Ring {
        let windowDays = CSVNumber.days(window)
        let insiders = candidate.insiders
        let loops = insiders.flatMap(\.loops)
        var loopClients = Set<Int>()
        for loop in loops { loopClients.insert(loop.client) }
        let observed = insiders.reduce(0) { $0 + $1.observed }
        let surprise = insiders.reduce(0) { $0 + min($1.surprise, 100) }
        let unticketed = insiders.reduce(0) { $0 + $1.unticketed }, sensitive = insiders.reduce(0) { $0 + $1.sensitive }
        let signals = [
            RingSignal(name: "focus", value: 1 - exp(-surprise / 20), weight: 0.45),
            RingSignal(name: "timing", value: observed > 0 ? min(1, Double(loops.count) / observed) : 0, weight: 0.25),
            RingSignal(name: "breadth", value: 1 - exp(-Double(loopClients.count - 1) / 3), weight: 0.15),
            RingSignal(name: "concealment", value: loops.isEmpty ? 0 : Double(unticketed + sensitive) / Double(2 * loops.count), weight: 0.15),
        ]
        let talking = insiders.filter { $0.contact.messages > 0 }.count
        let paidDirectly = loopClients.filter { candidate.clients[$0].front < 0 }.count
        let directness = 0.85 + 0.1 * Double(talking) / Double(max(insiders.count, 1))
            + 0.05 * Double(paidDirectly) / Double(max(loopClients.count, 1))
        let score = min(1, signals.reduce(0) { $0 + $1.contribution }) * directness
        var members: [RingMember] = []
        var evidence: [EvidenceRow] = []
        let b = candidate.broker
        let name = { (e: Int32) in entities.id(e) }
        let paidBy = loopClients.count
        let viaFront = Set(loopClients.compactMap { candidate.clients[$0].front >= 0 ? candidate.clients[$0].front : nil })
        let unticketedText = unticketed > 0 ? ", \(unticketed) without a ticket" : ""
        members.append(RingMember(entity: b, role: .broker, score: score * roleWeight[.broker]!, reasons: [
            "paid by \(candidate.clients.count) vendors" + (viaFront.isEmpty ? "" : " (some through \(viaFront.count) front account\(viaFront.count == 1 ? "" : "s"))"),
            "in contact with \(insiders.count) employee\(insiders.count == 1 ? "" : "s") who then touched \(paidBy) of those vendors",
            "\(loops.count) accesses to paying vendors within \(windowDays) days after their payment\(unticketedText)",
        ]))
        var relayedTo: [Int32: [String]] = [:]
        for insider in insiders {
            let c = insider.contact
            var how: [String] = []
            if c.payments > 0 { how.append("paid \(Int(c.paid.rounded())) in \(c.payments) payment\(c.payments == 1 ? "" : "s")" + (c.mule >= 0 ? " through \(name(c.mule))" : "")) }
            if c.messages > 0 { how.append("\(c.messages) message\(c.messages == 1 ? "" : "s") with the broker") }
            let clientsTouched = Set(insider.loops.map(\.client)).count
            members.append(RingMember(entity: c.employee, role: .insider, score: score * roleWeight[.insider]!, reasons: [
                how.joined(separator: "; ") + " (broker \(name(b)))",
                String(format: "%.0f accesses to %d of the broker's clients where chance gives %.2f", insider.observed, clientsTouched, insider.expected),
                "\(insider.loops.count) of them after a client's payment and a contact, within \(windowDays) days; \(insider.unticketed) without a ticket, \(insider.sensitive) sensitive",
            ]))
            if c.mule >= 0 {
                relayedTo[c.mule, default: []].append(name(c.employee))
                for row in c.muleRows { evidence.append(EvidenceRow(entity: c.mule, signal: "relayed_bribe", type: .payment, row: row)) }
            }
            for loop in insider.loops {
                let money = candidate.clients[loop.client]
                evidence.append(EvidenceRow(entity: money.vendor, signal: money.front >= 0 ? "front_payment" : "client_payment", type: .payment, row: loop.payment))
                evidence.append(EvidenceRow(entity: c.employee, signal: loop.contact.0 == .payment ? "bribe" : "contact", type: loop.contact.0, row: loop.contact.1))
                evidence.append(EvidenceRow(entity: c.employee, signal: "access", type: .access, row: loop.access))
            }
        }
        var intermediaries: [Int32: String] = [:]
        for (mule, employees) in relayedTo {
            intermediaries[mule] = "relayed the broker's payments to " + employees.sorted().joined(separator: ", ")
        }
        for front in viaFront {
            intermediaries[front] = "passed vendor payments on to the broker \(name(b))"
            for c in loopClients where candidate.clients[c].front == front {
                for row in candidate.clients[c].frontRows { evidence.append(EvidenceRow(entity: front, signal: "front_payment", type: .payment, row: row)) }
            }
        }
        for (m, reason) in intermediaries.sorted(by: { $0.key < $1.key }) {
            members.append(RingMember(entity: m, role: .intermediary, score: score * roleWeight[.intermediary]!, reasons: [reason]))
        }
        for c in loopClients.sorted() {
            let money = candidate.clients[c]
            let touched = loops.filter { $0.client == c }.count
            members.append(RingMember(entity: money.vendor, role: .client, score: score * roleWeight[.client]!, reasons: [
                "paid the broker \(name(b)) \(money.times.count) time\(money.times.count == 1 ? "" : "s")" + (money.front >= 0 ? " through \(name(money.front))" : ""),
                "its data was touched \(touched) time\(touched == 1 ? "" : "s") by the broker's insiders soon after",
            ]))
        }
        // Deduplicate evidence rows, keep a stable order.
        var seen = Set<String>()
        evidence = evidence.filter { seen.insert("\($0.type.rawValue):\($0.row):\($0.signal):\($0.entity)").inserted }
        evidence.sort { ($0.type.rawValue, $0.row, $0.signal) < ($1.type.rawValue, $1.row, $1.signal) }
        return Ring(rank: 0, score: score, signals: signals, members: members, evidence: evidence)
    }
}


/// Numbers in reasons.
enum CSVNumber {
    /// Whole days without a fraction, else one decimal.
    static func days(_ milliseconds: Int64) -> String {
        let days = Double(milliseconds) / 86_400_000
        return days == days.rounded() ? String(Int(days)) : String(format: "%.1f", days)
    }
}
