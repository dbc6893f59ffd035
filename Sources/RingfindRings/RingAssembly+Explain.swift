import Foundation
import RingfindGraph

extension RingAssembly {
    /// The ring of a merged draft: signals, members with reasons, evidence rows.
    static func explain(_ d: Draft, rank: Int, candidates: [CandidateRing], counted: Int, context: RingDetector.Context)
        -> Ring
    {
        var explanation = RingExplanation(draft: d, candidates: candidates, context: context)
        let signals = explanation.signals()
        explanation.explainBrokers(signals: signals, counted: counted, tested: candidates.count)
        explanation.explainSilentAccounts()
        explanation.explainInsiders()
        explanation.explainIntermediaries()
        explanation.explainClients()
        let evidence = explanation.sortedEvidence()
        return Ring(
            rank: rank, score: 0, strength: d.strength, pValue: min(1, pow(10, -d.strength)), signals: signals,
            members: explanation.members, evidence: evidence,
            reusedTicketRows: Set(evidence.filter { $0.type == .access && context.isReusedTicket($0.row) }.map(\.row))
                .sorted())
    }

    /// One kind of evidence in words: of one employee, or (`ofTheRing`) summed over the broker's tied employees.
    /// `reusedTickets`: whether the log holds any reused ticket (`TicketReuse`), so that
    /// concealment is said to count them too.
    static func conductReason(_ s: RingSignal, windowDays: String, ofTheRing: Bool = false, reusedTickets: Bool)
        -> String
    {
        let what: String =
            switch s.kind {
            case .concealment:
                reusedTickets ? "without a ticket, or under one reused from another account" : "without a ticket"
            case .unusualAction: "kinds of action the employee does not otherwise perform"
            case .timing:
                "within \(windowDays) days after a client's payment and the broker's payment or message to the employee"
            case .focus: "to the broker's clients"
            }
        let chance: String =
            switch s.kind {
            case .concealment: ofTheRing ? "the tied employees' own habits give" : "the employee's own habits give"
            case .timing:
                ofTheRing ? "the tied employees' job times shuffled give" : "the employee's job times shuffled give"
            default: "chance gives"
            }
        let unit =
            switch s.kind {
            case .unusualAction: ""
            case .concealment, .timing: s.observed == 1 ? " job" : " jobs"
            default: s.observed == 1 ? " access" : " accesses"
            }
        let subject = "\(Format.count(s.observed))\(unit) \(what)"
        return "\(subject), where \(chance) \(Format.count(s.expected))"
            + (s.surprise >= 1 ? " (p = \(Format.pValue(pow(10, -s.surprise))))" : "")
    }
}

/// A merged draft's members with their reasons and evidence rows, role by role (brokers,
/// insiders, intermediaries, clients), for `RingAssembly.explain`.
struct RingExplanation {
    let d: RingAssembly.Draft
    /// The candidates merged into the ring.
    let parts: [CandidateRing]
    let context: RingDetector.Context
    let windowDays: String
    var members: [RingMember] = []
    var evidence: [EvidenceRow] = []
    /// Each insider's strongest pair among the parts.
    var insiderPairs: [Int32: PairEvidence] = [:]
    /// The insiders each mule paid.
    var relayedTo: [Int32: [String]] = [:]
    /// Each client's payments, from the first part that has them.
    var clientMoney: [Int32: RingDetector.ClientMoney] = [:]

    init(draft: RingAssembly.Draft, candidates: [CandidateRing], context: RingDetector.Context) {
        d = draft
        parts = draft.candidates.map { candidates[$0] }
        self.context = context
        windowDays = Format.days(context.parameters.window)
    }

    func name(_ e: Int32) -> String { context.entities.id(e) }

    /// The insider's cited jobs under reused tickets, with the first of them and where its
    /// ticket was first used (the evidence rows cite each job's file and line), or nil when
    /// there are none.
    func reusedTicketsReason(_ pair: PairEvidence) -> String? {
        let access = context.events.access
        let rows = pair.suspiciousJobs.map(\.row).filter { context.isReusedTicket($0) }
            .sorted { (access.time[$0], $0) < (access.time[$1], $1) }
        guard let row = rows.first, let first = context.ticketFirstUse[row] else { return nil }
        func use(_ r: Int) -> String {
            let v = access.target[r], t = access.time[r]
            return "for \(v >= 0 ? name(v) : "no vendor") "
                + (t == Timestamp.missing ? "(undated)" : "on \(Timestamp.iso8601(t))")
        }
        let example = "ticket \(access.ticket[row]) \(use(first)), then \(use(row))"
        return rows.count == 1
            ? "1 job under a ticket first used for another account: \(example)"
            : "\(rows.count) jobs under tickets first used for other accounts, e.g. \(example)"
    }

    /// How an unjustified access row is cited: without a ticket, or under a reused one.
    func unjustifiedSignal(_ row: Int) -> EvidenceRow.Kind {
        context.isReusedTicket(row) ? .reusedTicket : .unticketedAccess
    }

    /// Each kind of evidence summed over the ring's tested pairs (Fisher's method for the surprise).
    func signals() -> [RingSignal] {
        let pairs = parts.flatMap(\.pairs).filter { !$0.tests.isEmpty }
        var signals: [RingSignal] = []
        for kind in RingSignal.Kind.allCases {
            let each: [RingSignal] = pairs.compactMap {
                switch kind {
                case .concealment: $0.concealment
                case .unusualAction: $0.unusualAction
                case .timing: $0.timing
                case .focus: $0.focus
                }
            }
            let available = context.uses(kind)
            signals.append(
                RingSignal(
                    kind: kind, observed: each.reduce(0) { $0 + $1.observed },
                    expected: each.reduce(0) { $0 + $1.expected },
                    surprise: available ? TailProbability.fisher(each.map(\.surprise)) : 0, available: available))
        }
        return signals
    }

    /// Brokers: each account by the strongest candidate it took part in (alone, or with another account).
    mutating func explainBrokers(signals: [RingSignal], counted: Int, tested: Int) {
        // Each account by the strongest candidate it took part in (alone, or with another account).
        for b in d.brokers {
            guard
                let part = parts.filter({ $0.accounts.contains(b) }).max(by: {
                    ($0.surprise, -$0.broker) < ($1.surprise, -$1.broker)
                })
            else { continue }
            let viaFront = Set(part.clients.compactMap { $0.front >= 0 ? $0.front : nil })
            let worked = part.pairs.filter { d.insiders[$0.contact.employee] != nil }
            let clientAccesses = worked.reduce(0) { $0 + $1.clientAccesses },
                rivalAccesses = worked.reduce(0) { $0 + $1.rivalAccesses }
            // Assessed together with another account (`SuccessiveAccounts`): the counts are the pair's.
            let together = part.accounts.filter { $0 != b }.map(name)
            var reasons = [
                (together.isEmpty ? "" : "with \(together.joined(separator: ", ")), assessed as one broker: ")
                    + "paid by \(part.clients.count) vendors"
                    + (viaFront.isEmpty
                        ? "" : " (some through \(viaFront.count) front account\(viaFront.count == 1 ? "" : "s"))"),
                "in contact with \(part.pairs.count) employee\(part.pairs.count == 1 ? "" : "s"); \(worked.count) tied to it made \(clientAccesses) access\(clientAccesses == 1 ? "" : "es") to its clients and \(rivalAccesses) to their rivals or in bulk",
            ]
            reasons += signals.filter { $0.available && $0.kind != .focus }.map {
                RingAssembly.conductReason(
                    $0, windowDays: windowDays, ofTheRing: true, reusedTickets: context.anyReusedTicket)
            }
            reasons.append(
                "conduct this unusual arises by chance with p = \(Format.pValue(pow(10, -d.strength))), adjusted for the \(counted) candidate account\(counted == 1 ? "" : "s") (of \(tested) tested) whose contacts did enough work to show it (false discovery rate)"
            )
            if let h = d.handovers.first(where: { $0.earlier.account == b || $0.later.account == b }) {
                let day = { (t: Int64) in String(Timestamp.iso8601(t).prefix(10)) }
                reasons.append(
                    h.earlier.account == b
                        ? "dealt with \(name(h.earlier.insider)) until \(day(h.earlier.last)), and \(name(h.later.account)) with the same insider from \(day(h.later.first)): another account of one broker, used after this one"
                        : "dealt with \(name(h.later.insider)) from \(day(h.later.first)), and \(name(h.earlier.account)) with the same insider until \(day(h.earlier.last)): another account of one broker, used before this one"
                )
            } else if case let others = d.brokers.filter({ $0 != b && d.silentAccounts[$0] == nil }), !others.isEmpty {
                reasons.append(
                    "same clients and insiders as " + others.map(name).joined(separator: ", ")
                        + ": another account of one broker")
            }
            members.append(RingMember(entity: b, role: .broker, tier: .core, score: 0, reasons: reasons))
        }
    }

    /// Insiders, core first, with how the broker reached them and their own conduct.
    mutating func explainInsiders() {
        for part in parts {
            for pair in part.pairs where d.insiders[pair.contact.employee] != nil {
                let e = pair.contact.employee
                if let seen = insiderPairs[e], seen.surprise >= pair.surprise { continue }
                insiderPairs[e] = pair
            }
        }
        let insiderOrder = insiderPairs.keys.sorted {
            (d.insiders[$0] == .core ? 0 : 1, name($0)) < (d.insiders[$1] == .core ? 0 : 1, name($1))
        }
        for e in insiderOrder {
            let pair = insiderPairs[e]!, c = pair.contact, tier = d.insiders[e]!
            var how: [String] = []
            if c.payments > 0 {
                how.append(
                    "paid \(Format.amount(c.paid)) in \(c.payments) payment\(c.payments == 1 ? "" : "s")"
                        + (c.mule >= 0 ? " through \(name(c.mule))" : ""))
            }
            if c.messages > 0 {
                how.append(
                    "\(c.messagesFromBroker) message\(c.messagesFromBroker == 1 ? "" : "s") from and \(c.messagesToBroker) to the broker"
                )
            }
            var reasons = [
                how.joined(separator: "; ")
                    + " (broker \(name(parts.first { $0.pairs.contains { $0.contact.employee == e } }?.broker ?? d.brokers[0])))"
            ]
            if pair.selected > 0 {
                reasons.append(
                    "\(pair.clientAccesses) access\(pair.clientAccesses == 1 ? "" : "es") to the broker's clients where their share of the employee's work gives \(Format.count(pair.focus.expected)); \(pair.rivalAccesses) to rivals or in bulk after the first contact"
                )
                reasons += pair.measured.map {
                    RingAssembly.conductReason($0, windowDays: windowDays, reusedTickets: context.anyReusedTicket)
                }
                if let reuse = reusedTicketsReason(pair) { reasons.append(reuse) }
            }
            reasons.append(
                tier == .core
                    ? "core: this employee's own conduct is significant (p = \(Format.pValue(pow(10, -pair.surprise))) before correction)"
                    : "associate: tied to the broker by " + (c.payments > 0 ? "payments" : "messages both ways")
                        + ", without significant conduct of their own")
            members.append(RingMember(entity: e, role: .insider, tier: tier, score: 0, reasons: reasons))
            if c.mule >= 0 {
                relayedTo[c.mule, default: []].append(name(e))
                for row in c.muleRows {
                    evidence.append(EvidenceRow(entity: c.mule, signal: .relayedBribe, type: .payment, row: row))
                }
            }
            for (type, row) in c.rows {
                evidence.append(
                    EvidenceRow(entity: e, signal: type == .payment ? .bribe : .contact, type: type, row: row))
            }
            for job in pair.suspiciousJobs {
                evidence.append(
                    EvidenceRow(
                        entity: e,
                        signal: job.timed ? .timedAccess : job.unticketed ? unjustifiedSignal(job.row) : .unusualAction,
                        type: .access, row: job.row))
            }
        }
    }

    /// Intermediaries: the mules that relayed bribes and the fronts that passed clients' money on.
    mutating func explainIntermediaries() {
        for part in parts {
            for money in part.clients where d.clients[money.vendor] != nil {
                clientMoney[money.vendor] = clientMoney[money.vendor] ?? money
            }
        }
        for (m, tier) in d.intermediaries.sorted(by: {
            ($0.value == .core ? 0 : 1, $0.key) < ($1.value == .core ? 0 : 1, $1.key)
        }) {
            var reasons: [String] = []
            if let employees = relayedTo[m] {
                reasons.append("relayed the broker's payments to " + employees.sorted().joined(separator: ", "))
            }
            let fronted = clientMoney.values.filter { $0.front == m }.map(\.vendor)
            if !fronted.isEmpty {
                reasons.append(
                    "passed payments of \(fronted.count) vendor\(fronted.count == 1 ? "" : "s") on to the broker")
                for money in clientMoney.values where money.front == m {
                    for row in money.frontRows {
                        evidence.append(EvidenceRow(entity: m, signal: .frontPayment, type: .payment, row: row))
                    }
                }
            }
            members.append(RingMember(entity: m, role: .intermediary, tier: tier, score: 0, reasons: reasons))
        }
    }

    /// A client off the books: the messages both ways, no payment seen, and the insiders'
    /// unticketed work on its account (cited as evidence, unless an insider's evidence already
    /// cites the row: `citedAccess`).
    mutating func explainOffBooks(_ v: Int32, rows: [Int], citedAccess: Set<Int>) {
        let reasons = [
            "exchanged messages with the broker both ways and paid it nothing that was seen (off the books)",
            "the ring's insiders worked on its account without a ticket"
                + (rows.contains { context.isReusedTicket($0) } ? ", or under one reused from another account," : "")
                + " \(rows.count) time\(rows.count == 1 ? "" : "s")",
        ]
        members.append(RingMember(entity: v, role: .client, tier: .core, score: 0, reasons: reasons))
        for row in rows where !citedAccess.contains(row) {
            evidence.append(EvidenceRow(entity: v, signal: unjustifiedSignal(row), type: .access, row: row))
        }
    }

    /// Clients, core first, with what they paid and what was done for them.
    mutating func explainClients() {
        // The access rows the insiders' evidence cites (clients add only payments and these).
        let citedAccess = d.offBooks.isEmpty ? [] : Set(evidence.filter { $0.type == .access }.map(\.row))
        for v in d.clients.keys.sorted(by: {
            (d.clients[$0] == .core ? 0 : 1, $0) < (d.clients[$1] == .core ? 0 : 1, $1)
        }) {
            guard let money = clientMoney[v] else {
                if let rows = d.offBooks[v] { explainOffBooks(v, rows: rows, citedAccess: citedAccess) }
                continue
            }
            let tier = d.clients[v]!
            let touches = insiderPairs.values.filter { $0.touchedClients.contains(v) }.count
            var reasons = [
                "paid the broker \(money.rows.count) time\(money.rows.count == 1 ? "" : "s")"
                    + (money.front >= 0 ? " through \(name(money.front))" : "")
            ]
            if tier == .core {
                reasons.append(
                    touches > 0
                        ? "its data was touched by \(touches) of the ring's insiders"
                        : "an insider worked on its market or in bulk within \(windowDays) days after its payment")
            } else {
                reasons.append(
                    money.rows.count >= 2
                        ? "associate: paid the broker repeatedly; no job on its account or market was seen"
                        : "associate: paid the broker once and exchanged messages with it both ways; no job on its account or market was seen"
                )
            }
            members.append(RingMember(entity: v, role: .client, tier: tier, score: 0, reasons: reasons))
            for row in money.rows {
                evidence.append(
                    EvidenceRow(
                        entity: v, signal: money.front >= 0 ? .frontPayment : .clientPayment, type: .payment, row: row))
            }
        }
    }

    /// The evidence rows without repeats, in a stable order.
    func sortedEvidence() -> [EvidenceRow] {
        var evidence = self.evidence
        // Deduplicate evidence rows, keep a stable order.
        var seen = Set<String>()
        evidence = evidence.filter {
            seen.insert("\($0.type.rawValue):\($0.row):\($0.signal.rawValue):\($0.entity)").inserted
        }
        evidence.sort {
            ($0.type.rawValue, $0.row, $0.signal.rawValue, $0.entity) < (
                $1.type.rawValue, $1.row, $1.signal.rawValue, $1.entity
            )
        }
        return evidence
    }
}
