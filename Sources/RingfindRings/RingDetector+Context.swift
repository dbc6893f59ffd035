import Foundation
import RingfindGraph

extension RingDetector {
    /// Everything every candidate's assessment reads.
    struct Context {
        let entities: EntityTable
        let events: EventStore
        let parameters: RingParameters
        let index: EventIndex
        /// For each access row, whether it is unjustified: no ticket, or a reused one
        /// (`TicketReuse`). Concealment counts these jobs.
        let unjustified: [Bool]
        /// For each row under a reused ticket, the row where its employee first used that ticket.
        let ticketFirstUse: [Int: Int]
        let isEmployee: [Bool]
        let isVendor: [Bool]
        let mayBroker: [Bool]
        /// Vendor → group number, or -1 without a group.
        let groupOf: [Int32]
        let groupCount: Int
        /// Which kinds of evidence the inputs can show and the parameters allow.
        let available: Set<RingSignal.Kind>
        let unavailable: [String]
        /// How many kinds of action the access log names (with those of rows left out, given as totals).
        let actionKinds: Int

        init(entities: EntityTable, events: EventStore, parameters: RingParameters) {
            self.entities = entities
            self.events = events
            self.parameters = parameters
            let n = entities.count
            index = EventIndex(events: events, entityCount: n)
            let index = index
            let (unjustified, firstUse) = TicketReuse.find(
                access: events.access, index: index, entityCount: n, sessionGap: parameters.sessionGap)
            self.unjustified = unjustified
            ticketFirstUse = firstUse
            isEmployee = entities.kinds.map { $0 == .employee }
            isVendor = entities.kinds.map { $0 == .vendor }
            mayBroker = entities.kinds.map { $0 == .external || $0 == .broker }
            var groups: [String: Int32] = [:]
            var groupOf = [Int32](repeating: -1, count: n)
            for e in 0..<n where entities.kinds[e] == .vendor && !entities.groups[e].isEmpty {
                let next = Int32(groups.count)
                groupOf[e] = groups[entities.groups[e], default: next]
                if groupOf[e] == next { groups[entities.groups[e]] = next }
            }
            self.groupOf = groupOf
            groupCount = groups.count
            var available = Set(RingSignal.Kind.allCases.filter { parameters.uses($0) })
            var unavailable: [String] = []
            for kind in RingSignal.Kind.allCases where !parameters.uses(kind) {
                unavailable.append("\(kind.rawValue): switched off")
            }
            let access = events.access
            let actions = Set(access.label.filter { $0 >= 0 }).union(events.omittedAccess.actions)
            actionKinds = actions.count
            if events.payments.rowCount == 0 {
                unavailable.append(
                    "rings: no payments, so no account can be seen taking vendors' money; no ring can be looked for")
            }
            if access.rowCount == 0 {
                unavailable.append(
                    "rings: no access log, so no employee can be seen working for a broker; no ring can be looked for")
            } else {
                let informative = EmployeeBaseline.ticketsInformative(
                    access: access, unjustified: unjustified, omitted: events.omittedAccess, index: index,
                    entityCount: n, sessionGap: parameters.sessionGap)
                if !informative, available.remove(.concealment) != nil {
                    unavailable.append(
                        "concealment: "
                            + (access.ticket.isEmpty(0)
                                ? "no access row has a ticket" : "every access row has a ticket"))
                }
                let timed =
                    access.time.contains { $0 != Timestamp.missing }
                    && events.payments.time.contains { $0 != Timestamp.missing }
                if !timed, available.remove(.timing) != nil {
                    unavailable.append("timing: access or payment rows have no times")
                }
                if actions.count < 2, available.remove(.unusualAction) != nil {
                    unavailable.append(
                        "unusual_action: the access log names \(actions.count) action\(actions.count == 1 ? "" : "s")")
                }
            }
            if groupCount == 0 && access.rowCount > 0 {
                unavailable.append(
                    "rival jobs: no vendor has a group, so only accesses naming no vendor count as work on a client's market"
                )
            }
            self.available = available
            self.unavailable = unavailable
        }

        func uses(_ kind: RingSignal.Kind) -> Bool { available.contains(kind) }

        /// The priors concealment is tested against (`EmployeeBaseline`), for vendors' accounts
        /// and for bulk work side by side, fitted on every job outside `underTest`.
        func priors(excluding underTest: RowSet) -> EmployeeBaseline.Priors {
            var fitted = [EmployeeBaseline?](repeating: nil, count: 2)
            // Columns and values only in the closure (copying the context retains every array it holds).
            let access = events.access, unjustified = unjustified, omitted = events.omittedAccess
            let index = index, n = entities.count, gap = parameters.sessionGap
            fitted.withUnsafeMutableBufferPointer { buffer in
                nonisolated(unsafe) let out = buffer
                DispatchQueue.concurrentPerform(iterations: 2) { i in
                    out[i] = EmployeeBaseline(
                        access: access, unjustified: unjustified, omitted: omitted, index: index, entityCount: n,
                        bulk: i == 1, sessionGap: gap, excluding: underTest)
                }
            }
            guard let vendor = fitted[0], let bulk = fitted[1] else { preconditionFailure("both priors are fitted") }
            return .init(vendor: vendor, bulk: bulk)
        }

        /// Whether access row `row` shows no fresh justification: no ticket, or a reused one
        /// (`TicketReuse`). Concealment counts these jobs.
        func isUnjustified(_ row: Int) -> Bool { unjustified[row] }
        /// Whether access row `row` is under a reused ticket (`TicketReuse`).
        func isReusedTicket(_ row: Int) -> Bool { ticketFirstUse[row] != nil }
        /// Whether any access row's ticket is reused.
        var anyReusedTicket: Bool { !ticketFirstUse.isEmpty }

        /// The employees an account deals with itself: it pays them, or exchanges messages with them
        /// both ways. Money relayed through other accounts is left out: in a busy economy of firms
        /// paying firms, nearly every account reaches some employee that way.
        /// O(its payments and messages).
        func directlyTiedEmployees(of a: Int32) -> Set<Int32> {
            // Columns, not the context or a log, in the closure and loop (copying either retains
            // every array it holds).
            let target = events.payments.target, isEmployee = isEmployee
            var tied = messagedBothWays(with: a).filter { isEmployee[Int($0)] }
            for r in index.paymentsOut.rows(of: a) where isEmployee[Int(target[Int(r)])] {
                tied.insert(target[Int(r)])
            }
            return tied
        }

        /// The accounts that exchanged messages with `a` both ways (wrote to it, and were written
        /// to by it). O(its messages).
        func messagedBothWays(with a: Int32) -> Set<Int32> {
            let messages = events.communications
            var wroteTo = Set<Int32>()
            for r in index.messagesOut.rows(of: a) { wroteTo.insert(messages.target[Int(r)]) }
            var both = Set<Int32>()
            for r in index.messagesIn.rows(of: a) where wroteTo.contains(messages.source[Int(r)]) {
                both.insert(messages.source[Int(r)])
            }
            return both
        }
    }
}
