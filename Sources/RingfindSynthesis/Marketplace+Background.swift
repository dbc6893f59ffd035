import Foundation
import RingfindGraph

/// One access row of a session: an action on a vendor's data, or on a resource naming no vendor.
struct AccessStep {
    var action: String
    var vendor: Int?
    var resource: String = ""
}

extension Marketplace {
    static let supportActions = [
        "view_account", "view_orders", "view_orders", "update_listing", "restore_account", "view_buyer_contact",
    ]
    static let safetyActions = [
        "view_account", "delete_review", "view_reviewer_pii", "restore_account", "suspend_listing",
    ]
    static let financeActions = ["view_payouts", "view_account"]

    /// Writes a session: the steps a few seconds to minutes apart from `time`, all under one
    /// ticket (or none).
    mutating func session(
        _ out: EventSinks, _ employee: Int, _ steps: [AccessStep], at time: Int64, ticket: String,
        legitimate: Bool = true
    ) throws {
        var t = time
        for step in steps {
            try out.touch(
                ids[employee], step.action, vendor: step.vendor.map { ids[$0] } ?? "", resource: step.resource, at: t,
                ticket: ticket)
            t += Int64(20_000 + rng.below(360_000))
        }
        if legitimate { accessCount[employee, default: 0] += steps.count }
    }

    /// An honest ticket: present unless the employee's own no-ticket rate says otherwise.
    mutating func honestTicket(_ employee: Int) -> String { chance(noTicketRate[employee]!) ? "" : ticket() }

    /// Ordinary marketplace life, about `parameters.events` rows: 55 % messages, 10 % payments,
    /// 35 % access rows in sessions.
    mutating func writeBackground(_ out: EventSinks) throws {
        let total = parameters.events
        let messages = total * 55 / 100, payments = total / 10
        for _ in 0..<messages { try backgroundMessage(out) }
        for _ in 0..<payments { try backgroundPayment(out) }
        var rows = total - messages - payments
        while rows > 0 { rows -= try backgroundSession(out) }
    }

    private mutating func backgroundMessage(_ out: EventSinks) throws {
        let roll = rng.unit()
        let t = time(onDay: anyDay())
        if roll < 0.70 {
            let e = worker(in: rng.below(employeesByDepartment.count))
            let r = rng.unit()
            let other = r < 0.75 ? pick(teams[teamOf[e]!]) : r < 0.9 ? pick(allEmployees) : pick(vendors)
            if other != e { try out.message(ids[e], ids[other], at: t, chance(0.7) ? "chat" : "email") }
        } else if roll < 0.82 {
            // A vendor writes to the support employee who looks after it, who mostly answers.
            let e = worker(in: 0), v = pick(book[e]!)
            try out.message(ids[v], ids[e], at: t, "email")
            if chance(0.6) { try out.message(ids[e], ids[v], at: t + Int64(rng.below(86_400_000)), "email") }
        } else if roll < 0.90 {
            let a = rng.below(agencies.count), v = pick(agencyClients[a])
            if chance(0.5) {
                try out.message(ids[agencies[a]], ids[v], at: t, "email")
            } else {
                try out.message(ids[v], ids[agencies[a]], at: t, "email")
            }
        } else if roll < 0.95 {
            try out.message(ids[pick(agencies)], ids[pick(allEmployees)], at: t, "email")
        } else if chance(0.7) {
            let r = pick(relatives), e = familyOf[r]!
            if chance(0.5) {
                try out.message(ids[r], ids[e], at: t, chance(0.5) ? "phone" : "sms")
            } else {
                try out.message(ids[e], ids[r], at: t, "sms")
            }
        } else {
            let f = rng.below(contractorFirms.count)
            try out.message(ids[contractorFirms[f]], ids[pick(firmStaff[f])], at: t, "email")
        }
    }

    private mutating func backgroundPayment(_ out: EventSinks) throws {
        let roll = rng.unit()
        let t = time(onDay: anyDay())
        if roll < 0.45 {
            let a = rng.below(agencies.count)
            try out.pay(ids[pick(agencyClients[a])], ids[agencies[a]], amount(median: 800), at: t)
        } else if roll < 0.75 {
            try out.pay(ids[pick(vendors)], ids[pick(services)], amount(median: 300), at: t)
        } else if roll < 0.85 {
            let r = pick(relatives)
            try out.pay(ids[r], ids[familyOf[r]!], amount(median: 150), at: t)
        } else if roll < 0.9 {
            let f = rng.below(contractorFirms.count)
            try out.pay(ids[contractorFirms[f]], ids[pick(firmStaff[f])], amount(median: 2000), at: t)
        } else {
            try out.pay(
                ids[pick(services)], ids[chance(0.8) ? pick(services) : pick(agencies)], amount(median: 1000), at: t)
        }
    }

    /// One honest session; returns the rows written.
    private mutating func backgroundSession(_ out: EventSinks) throws -> Int {
        let roll = rng.unit()
        let day = rng.below(parameters.days)
        var steps: [AccessStep]
        let e: Int
        var ticket: String
        if roll < 0.50 {
            // Support: a few actions on one vendor of the book; now and then a contact export.
            e = worker(in: 0)
            let v = pick(book[e]!)
            steps =
                chance(0.01)
                ? [AccessStep(action: "export_buyer_contacts", vendor: nil, resource: "orders-db")]
                : (0..<(1 + rng.below(4))).map { _ in
                    AccessStep(action: Self.supportActions[rng.below(Self.supportActions.count)], vendor: v)
                }
            ticket = honestTicket(e)
        } else if roll < 0.72 {
            // Trust and safety: a case on one vendor; now and then a legal export of reviewer data.
            e = worker(in: 1)
            let v = pick(vendors)
            steps =
                chance(0.01)
                ? [AccessStep(action: "export_reviewer_pii", vendor: nil, resource: "reviews-db")]
                : (0..<(1 + rng.below(3))).map { _ in
                    AccessStep(action: Self.safetyActions[rng.below(Self.safetyActions.count)], vendor: v)
                }
            ticket = honestTicket(e)
        } else if roll < 0.90 {
            // Analysts: one vendor, a sweep over a market, or an export.
            e = worker(in: 2)
            let m = beat[e]!.isEmpty ? marketOf[pick(vendors)]! : pick(beat[e]!)
            let kind = rng.unit()
            if kind < 0.15 {
                let market = vendorsByMarket[m]
                steps = (0..<min(market.count, 8 + rng.below(30))).map { _ in pick(market) }.uniqued().map {
                    AccessStep(action: "view_sales_metrics", vendor: $0)
                }
            } else if kind < 0.22 {
                steps = [AccessStep(action: "export_sales_metrics", vendor: nil, resource: "sales-warehouse")]
            } else {
                let v = pick(vendorsByMarket[m])
                steps = (0..<(1 + rng.below(3))).map { _ in
                    AccessStep(action: chance(0.8) ? "view_sales_metrics" : "export_sales_metrics", vendor: v)
                }
            }
            ticket = honestTicket(e)
        } else if roll < 0.96 {
            e = worker(in: 3)
            steps = [
                AccessStep(
                    action: "run_migration", vendor: nil,
                    resource: ["reviews-db", "orders-db", "metrics-warehouse"][rng.below(3)])
            ]
            ticket = "CHG-\(rng.below(100_000))"
        } else {
            e = worker(in: 4)
            let v = pick(vendors)
            steps = (0..<(1 + rng.below(2))).map { _ in AccessStep(action: Self.financeActions[rng.below(2)], vendor: v)
            }
            ticket = honestTicket(e)
        }
        try session(out, e, steps, at: workTime(onDay: day), ticket: ticket)
        return steps.count
    }
}
