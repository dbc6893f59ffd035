import RingfindGraph

/// Writing the rings of the marketplace.
///
/// Every ring: a broker (one account, or two with a switch part-way) paid by client vendors
/// (directly or through a front), in sustained two-way contact with its insiders, who do jobs
/// for the clients — on the client's own data, on a rival's (same market), or in bulk — under
/// a fake ticket at the ring's own rate (0–60 %). How insiders are paid is the ring's style.
extension Marketplace {
    /// Draws and writes `parameters.rings` rings; returns the truth rows and what was planted.
    mutating func writeRings(_ out: EventSinks) throws -> (truth: [WorldGenerator.TruthRow], rings: [PlantedRing]) {
        var truth: [WorldGenerator.TruthRow] = []
        var planted: [PlantedRing] = []
        var earlierClients: [Int] = []
        for ring in stride(from: 1, through: parameters.rings, by: 1) {
            let plan = drawPlan(ring: ring, earlierClients: earlierClients)
            earlierClients += plan.clients.map(\.vendor)
            planted.append(try writeRing(plan, out))
            for a in plan.accounts { truth.append(.init(entity: ids[a], ring: ring, role: "broker")) }
            for x in [plan.mule, plan.front].compactMap({ $0 }) {
                truth.append(.init(entity: ids[x], ring: ring, role: "intermediary"))
            }
            for i in plan.insiders { truth.append(.init(entity: ids[i.employee], ring: ring, role: "insider")) }
            for c in plan.clients { truth.append(.init(entity: ids[c.vendor], ring: ring, role: "client")) }
        }
        return (truth, planted)
    }

    private mutating func writeRing(_ original: RingPlan, _ out: EventSinks) throws -> PlantedRing {
        var plan = original
        let offbook = plan.payment == .offbook
        // Sustained contact from recruitment on, both ways; closer for off-book rings.
        for insider in plan.insiders {
            var day = insider.recruited
            while day < days {
                let a = ids[plan.account(onDay: day)], e = ids[insider.employee]
                try out.message(a, e, at: time(onDay: day), chance(0.6) ? "phone" : "chat")
                if chance(offbook || insider.kind == .idle ? 0.85 : 0.5) {
                    try out.message(
                        e, a, at: time(onDay: day + 0.02 + 0.3 * rng.unit()), chance(0.7) ? "phone" : "chat")
                }
                day += offbook ? 3 + rng.unit() * 4 : 5 + rng.unit() * 6
            }
        }
        if plan.payment == .retainer { try writeRetainers(plan, out) }
        // Clients get in touch before their first job.
        var contacted = Set<Int>()
        let jobs = drawJobs(plan)
        var counts: [String: Int] = [:]
        var victims = Set<Int>()
        for job in jobs {
            let client = plan.clients[job.client].vendor
            if contacted.insert(client).inserted {
                let a = plan.account(onDay: job.day - 3)
                try out.message(ids[client], ids[a], at: time(onDay: max(0, job.day - 3 - 2 * rng.unit())), "email")
                try out.message(
                    ids[a], ids[client], at: time(onDay: max(0, job.day - 2)), chance(0.5) ? "email" : "phone")
            }
            guard let jobDay = try payForJob(job, &plan, out) else { continue }
            if let kind = try doJob(job, &plan, at: jobDay, victims: &victims, out) {
                counts[kind.rawValue, default: 0] += 1
            }
        }
        if parameters.camouflage.busyBrokers {
            // An ordinary consultancy: vendors outside the ring pay it, it pays services and talks to people.
            for a in plan.accounts {
                for _ in 0..<(20 + rng.below(30)) {
                    try out.pay(ids[bystander(vendors)], ids[a], amount(median: 900), at: time(onDay: anyDay()))
                    try out.message(ids[a], ids[bystander(vendors)], at: time(onDay: anyDay()), "email")
                }
                for _ in 0..<(5 + rng.below(10)) {
                    try out.pay(ids[a], ids[pick(services)], amount(median: 400), at: time(onDay: anyDay()))
                }
            }
        }
        let clientSet = Set(plan.clients.map(\.vendor))
        return PlantedRing(
            ring: plan.ring, style: plan.payment.rawValue, brokers: plan.accounts.map { ids[$0] },
            mule: plan.mule.map { ids[$0] }, front: plan.front.map { ids[$0] },
            insiders: plan.insiders.map {
                PlantedInsider(id: ids[$0.employee], kind: $0.kind.rawValue, jobs: $0.jobs, rows: $0.rows)
            },
            clients: plan.clients.map { ids[$0.vendor] },
            payingOnce: plan.clients.filter(\.once).map { ids[$0.vendor] },
            ticketRate: plan.ticketRate, jobs: counts,
            victims: victims.subtracting(clientSet).map { ids[$0] }.sorted())
    }

    /// A fixed sum per insider, about monthly from recruitment on, from the mule (which the
    /// broker funds the day before) or the broker's account in use.
    private mutating func writeRetainers(_ plan: RingPlan, _ out: EventSinks) throws {
        var day = 3 + rng.unit() * 10
        while day < days {
            let due = plan.insiders.filter { $0.recruited <= day }
            let a = plan.account(onDay: day)
            if let mule = plan.mule, !due.isEmpty {
                try out.pay(ids[a], ids[mule], due.reduce(0) { $0 + $1.retainer } * 1.05, at: time(onDay: day - 1))
            }
            for insider in due {
                try out.pay(
                    ids[plan.mule ?? a], ids[insider.employee], insider.retainer, at: time(onDay: day + rng.unit()))
            }
            day += 28 + rng.unit() * 4
        }
    }

    /// The client's payment and, per style, what reaches the insider; returns the day of the job
    /// (nil when it would fall after the logs end).
    private mutating func payForJob(_ job: RingPlan.Job, _ plan: inout RingPlan, _ out: EventSinks) throws -> Double? {
        let client = ids[plan.clients[job.client].vendor]
        let current = plan.account(onDay: job.day)
        // After a switch a few clients still pay the old account, which passes the money on.
        let payee = plan.accounts.count > 1 && job.day >= plan.switchDay && chance(0.15) ? plan.accounts[0] : current
        let fee = amount(median: 2500)
        if chance(0.5) { try out.message(client, ids[payee], at: time(onDay: job.day - 0.5), "email") }
        if let front = plan.front {
            try out.pay(client, ids[front], fee, at: time(onDay: job.day))
            try out.pay(
                ids[front], ids[payee], fee * (0.9 + 0.07 * rng.unit()), at: time(onDay: job.day + 0.5 + rng.unit()))
        } else {
            try out.pay(client, ids[payee], fee, at: time(onDay: job.day))
        }
        if payee != current {
            try out.pay(ids[payee], ids[current], fee * 0.9, at: time(onDay: job.day + 1 + rng.unit()))
        }
        let insider = ids[plan.insiders[job.insider].employee]
        let jobDay: Double
        switch plan.payment {
        case .timed:
            let bribeDay = job.day + 1.5 + 2 * rng.unit(), share = fee * (0.25 + 0.1 * rng.unit())
            let payer = plan.account(onDay: bribeDay)
            if let mule = plan.mule {
                try out.pay(ids[payer], ids[mule], share, at: time(onDay: bribeDay))
                try out.pay(ids[mule], insider, share * 0.93, at: time(onDay: bribeDay + 0.3 + 0.7 * rng.unit()))
                jobDay = bribeDay + 1 + 3 * rng.unit()
            } else {
                try out.pay(ids[payer], insider, share, at: time(onDay: bribeDay))
                jobDay = bribeDay + 0.5 + 3 * rng.unit()
            }
        case .retainer:
            if chance(0.4) {
                try out.message(ids[current], insider, at: time(onDay: job.day + 0.5 + 0.5 * rng.unit()), "chat")
            }
            jobDay = job.day + 1 + 5 * rng.unit()
        case .offbook:
            try out.message(ids[current], insider, at: time(onDay: job.day + 0.3 + 0.7 * rng.unit()), "phone")
            if chance(0.7) { try out.message(insider, ids[current], at: time(onDay: job.day + 1.1), "phone") }
            jobDay = job.day + 1.2 + 4 * rng.unit()
        }
        return jobDay < days - 1 ? jobDay : nil
    }

    /// The insider's session for the job: on the client's data, a rival's, or in bulk, under a
    /// ticket at the ring's rate. Busy insiders stay within their row budget (nil once it is spent).
    private mutating func doJob(
        _ job: RingPlan.Job, _ plan: inout RingPlan, at day: Double, victims: inout Set<Int>,
        _ out: EventSinks
    ) throws -> RingPlan.JobKind? {
        let insider = plan.insiders[job.insider]
        let e = insider.employee, client = plan.clients[job.client].vendor
        let department = departmentOf[e]!
        var kinds: [(RingPlan.JobKind, Double)] = [(.own, department == 2 ? 0 : 0.45)]
        if has(.rival) { kinds.append((.rival, 0.35)) }
        if has(.bulk) { kinds.append((.bulk, 0.2)) }
        if kinds.allSatisfy({ $0.1 == 0 }) { kinds = [(.rival, 1)] }
        var sum = 0.0
        let sums = kinds.map {
            sum += $0.1
            return sum
        }
        let kind = kinds[Self.weightedIndex(sums, rng.unit())].0
        var steps: [AccessStep]
        func some(_ actions: [String], on v: Int, _ rng: inout SplitMix64) -> [AccessStep] {
            (0..<(1 + rng.below(3))).map { _ in AccessStep(action: actions[rng.below(actions.count)], vendor: v) }
        }
        switch kind {
        case .own:
            steps = some(
                department == 0
                    ? ["restore_account", "update_listing", "view_orders"]
                    : ["delete_review", "delete_review", "restore_account"],
                on: client, &rng)
        case .rival:
            let victim = rival(of: client, clients: Set(plan.clients.map(\.vendor)))
            victims.insert(victim)
            let actions = [
                ["view_buyer_contact", "view_orders"], ["view_reviewer_pii", "suspend_listing"],
                ["view_sales_metrics", "export_sales_metrics"],
            ]
            steps = some(actions[department], on: victim, &rng)
        case .bulk:
            let market = vendorsByMarket[marketOf[client]!]
            if department == 2 && insider.kind != .busy && market.count > 4 && chance(0.5) {
                let swept = (0..<(8 + rng.below(18))).map { _ in pick(market) }.uniqued().filter { $0 != client }
                victims.formUnion(swept)
                steps = swept.map { AccessStep(action: "view_sales_metrics", vendor: $0) }
            } else {
                let export = [
                    ("export_buyer_contacts", "orders-db"), ("export_reviewer_pii", "reviews-db"),
                    ("export_sales_metrics", "sales-warehouse"),
                ][department]
                steps = [AccessStep(action: export.0, vendor: nil, resource: export.1)]
            }
        }
        if insider.kind == .busy {
            steps = Array(steps.prefix(max(0, insider.rowBudget)))
            plan.insiders[job.insider].rowBudget -= steps.count
            if steps.isEmpty { return nil }
        }
        let ticket = chance(plan.ticketRate) ? ticket() : ""
        try session(out, e, steps, at: workTime(after: day), ticket: ticket, legitimate: false)
        plan.insiders[job.insider].jobs += 1
        plan.insiders[job.insider].rows += steps.count
        return kind
    }
}
