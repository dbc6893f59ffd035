import RingfindGraph

/// Drawing a ring of the marketplace: its accounts, intermediaries, insiders, clients and jobs.
extension Marketplace {
    /// Departments whose staff can sell data: support, trust and safety, sales analytics.
    static let insiderDepartments = [0, 1, 2]

    func has(_ behaviour: RingBehaviour) -> Bool { !parameters.without.contains(behaviour) }

    mutating func external() -> Int { add(kind: "external", name: "External") }

    /// Draws ring `ring`; `earlierClients` are the clients of the rings drawn before it.
    mutating func drawPlan(ring: Int, earlierClients: [Int]) -> RingPlan {
        let payment: PaymentStyle
        switch parameters.style {
        case .retainer: payment = .retainer
        case .offbook: payment = .offbook
        case .mixed: payment = PaymentStyle.allCases[rng.below(PaymentStyle.allCases.count)]
        case .timed, .classic: payment = .timed
        }
        var accounts = [external()]
        if has(.secondAccount) && chance(0.25) { accounts.append(external()) }
        let switchDay = days * (0.35 + 0.3 * rng.unit())
        let camouflage = parameters.camouflage
        let mule = payment != .offbook && chance(camouflage.muleRate) ? external() : nil
        let front = chance(camouflage.frontRate) ? external() : nil

        var insiders: [RingPlan.Insider] = []
        for i in 0..<(2 + rng.below(3)) {
            var kind = RingPlan.InsiderKind.regular
            let roll = rng.unit()
            if i > 0 && roll < 0.3 && has(.idleInsider) {
                kind = .idle
            } else if i > 0 && roll < 0.5 && has(.busyInsider) {
                kind = .busy
            }
            let (e, got) = recruit(kind)
            if insiders.contains(where: { $0.employee == e }) { continue }
            let firstContact = got == .idle ? days * (0.15 + 0.35 * rng.unit()) : 5 * rng.unit()
            let retainer = max(100, (amount(median: 900) / 50).rounded() * 50)
            insiders.append(
                .init(
                    employee: e, kind: got, recruited: firstContact, retainer: retainer,
                    rowBudget: got == .busy ? (accessCount[e, default: 0] - 1) / 100 : .max))
        }

        let home = rng.below(markets.count)
        let wanted = 4 + rng.below(7)
        var chosen: [Int] = []
        for _ in 0..<(wanted * 4) where chosen.count < wanted {
            let v = chance(0.6) && !vendorsByMarket[home].isEmpty ? pick(vendorsByMarket[home]) : pick(vendors)
            if !cast.contains(v) && !chosen.contains(v) { chosen.append(v) }
        }
        cast.formUnion(chosen)
        if has(.sharedVendor) && !earlierClients.isEmpty && chance(0.35) { chosen.append(pick(earlierClients)) }
        let clients = chosen.map { RingPlan.Client(vendor: $0, once: has(.payOnce) && chance(0.3)) }
        return RingPlan(
            ring: ring, payment: payment, accounts: accounts, switchDay: switchDay, mule: mule, front: front,
            insiders: insiders, clients: clients, ticketRate: 0.6 * rng.unit())
    }

    /// An employee of an insider department not yet cast, of the wanted kind when one is left:
    /// idle from the lightest tenth by workload, busy from the heaviest tenth with at least 300
    /// legitimate access rows. Returns the employee and the kind it really is.
    mutating func recruit(_ kind: RingPlan.InsiderKind) -> (Int, RingPlan.InsiderKind) {
        // Analysts only sell rivals' data and exports: without those jobs they are not recruited.
        let departments = has(.rival) || has(.bulk) ? Self.insiderDepartments : [0, 1]
        let staff = departments.flatMap { employeesByDepartment[$0] }
        var pool = staff.filter { !cast.contains($0) }
        if pool.isEmpty { pool = staff }  // a tiny world with more rings than staff: insiders serve two rings
        var candidates = pool
        switch kind {
        case .regular: break
        case .idle:
            candidates = Array(
                pool.sorted { (workload[$0]!, $0) < (workload[$1]!, $1) }.prefix(max(1, pool.count / 10)))
        case .busy:
            candidates = Array(
                pool.filter { accessCount[$0, default: 0] >= 300 }
                    .sorted { (accessCount[$0, default: 0], $0) > (accessCount[$1, default: 0], $1) }.prefix(
                        max(1, pool.count / 10)))
        }
        let got = candidates.isEmpty ? RingPlan.InsiderKind.regular : kind
        let e = pick(candidates.isEmpty ? pool : candidates)
        cast.insert(e)
        return (e, got)
    }

    /// The days each client pays for a job (about every three to five weeks, or once), sorted,
    /// each given to an insider: idle insiders one or two jobs after their recruitment, busy
    /// insiders one to three, regular insiders the rest.
    mutating func drawJobs(_ plan: RingPlan) -> [RingPlan.Job] {
        var jobs: [RingPlan.Job] = []
        for (c, client) in plan.clients.enumerated() {
            if client.once {
                jobs.append(.init(client: c, day: 5 + rng.unit() * (days - 20)))
                continue
            }
            var day = 5 + rng.unit() * 25
            while day < days - 10 {
                jobs.append(.init(client: c, day: day))
                day += 21 + rng.unit() * 14
            }
        }
        jobs.sort { ($0.day, $0.client) < ($1.day, $1.client) }
        var owner = [Int?](repeating: nil, count: jobs.count)
        for (i, insider) in plan.insiders.enumerated() where insider.kind != .regular {
            var open = jobs.indices.filter { owner[$0] == nil && jobs[$0].day >= insider.recruited }
            rng.shuffle(&open)
            let count = insider.kind == .idle ? 1 + rng.below(2) : 1 + rng.below(3)
            for j in open.prefix(count) { owner[j] = i }
        }
        let regulars = plan.insiders.indices.filter { plan.insiders[$0].kind == .regular }
        for j in jobs.indices {
            jobs[j].insider = owner[j] ?? (regulars.isEmpty ? rng.below(plan.insiders.count) : pick(regulars))
        }
        return jobs
    }

    /// A rival of `vendor`: another vendor of its market, not one of `clients`, not cast in a
    /// ring if one is left.
    mutating func rival(of vendor: Int, clients: Set<Int>) -> Int {
        let market = vendorsByMarket[marketOf[vendor]!]
        for _ in 0..<20 {
            let v = pick(market)
            if v != vendor && !clients.contains(v) && !cast.contains(v) { return v }
        }
        for _ in 0..<20 {
            let v = pick(vendors)
            if !clients.contains(v) && !cast.contains(v) { return v }
        }
        return pick(vendors)
    }
}
