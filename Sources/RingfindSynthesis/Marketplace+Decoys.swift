import RingfindGraph

/// Innocent look-alikes of rings (`--decoys`): honest people whose payments and contacts have a
/// ring's shape. None of them is a ring member; `decoys.csv` lists them.
extension Marketplace {
    /// The kinds of decoy, each written `max(2, entities / 1000)` times.
    enum DecoyKind: String, CaseIterable {
        /// An agency paid monthly by many vendors that also pays a contractor employee a monthly
        /// invoice; the contractor serves the agency's clients, with tickets.
        case contractorAgency = "contractor_agency"
        /// A relative who pays an employee now and then and owns a vendor.
        case relativeOwner = "relative_owner"
        /// A flatmate paying an employee the same sum every month; some are freelancers paid by vendors.
        case flatmate
        /// An agency that writes to support about its clients' escalations; support opens those
        /// clients within hours, with a ticket.
        case escalatingAgency = "escalating_agency"
        /// An agent with a small regular book of vendors paying commissions.
        case agent
        /// A would-be broker cold-messaging vendors and employees, none of whom joins.
        case coldBroker = "cold_broker"
    }

    /// Writes the decoys; returns their rows for `decoys.csv`.
    mutating func writeDecoys(_ out: EventSinks) throws -> [WorldGenerator.DecoyRow] {
        var rows: [WorldGenerator.DecoyRow] = []
        var decoy = 0
        for _ in 0..<max(2, parameters.entities / 1000) {
            for kind in DecoyKind.allCases {
                decoy += 1
                let members: [(Int, String)]
                switch kind {
                case .contractorAgency: members = try contractorAgency(out)
                case .relativeOwner: members = try relativeOwner(out)
                case .flatmate: members = try flatmate(out)
                case .escalatingAgency: members = try escalatingAgency(out)
                case .agent: members = try agent(out)
                case .coldBroker: members = try coldBroker(out)
                }
                rows += members.map { .init(entity: ids[$0.0], decoy: decoy, kind: kind.rawValue, role: $0.1) }
            }
        }
        return rows
    }

    /// An employee of department `d` not yet cast (by workload), now cast.
    private mutating func hire(_ d: Int) -> Int {
        var e = worker(in: d)
        for _ in 0..<50 where cast.contains(e) { e = worker(in: d) }
        if cast.contains(e), let free = employeesByDepartment[d].first(where: { !cast.contains($0) }) { e = free }
        cast.insert(e)
        return e
    }

    /// Vendors of one to three markets not cast in a ring or another decoy, now cast.
    private mutating func freshVendors(_ size: Int) -> [Int] {
        let book = clientBook(size: size).filter { !cast.contains($0) }
        cast.formUnion(book)
        return book.isEmpty ? [pick(vendors)] : book
    }

    /// Calls `body` with the start day of each month the logs cover (with a per-decoy offset).
    private mutating func monthly(_ body: (inout Marketplace, Double) throws -> Void) rethrows {
        var day = rng.unit() * 5
        while day < days {
            try body(&self, day)
            day += 30
        }
    }

    /// Two-way messages about every `gap` days.
    private mutating func keepInTouch(_ out: EventSinks, _ a: Int, _ b: Int, every gap: Double, channels: [String])
        throws
    {
        var day = rng.unit() * gap
        while day < days {
            try out.message(ids[a], ids[b], at: time(onDay: day), channels[rng.below(channels.count)])
            if chance(0.7) {
                try out.message(
                    ids[b], ids[a], at: time(onDay: day + 0.1 * rng.unit()), channels[rng.below(channels.count)])
            }
            day += gap * (0.5 + rng.unit())
        }
    }

    private mutating func contractorAgency(_ out: EventSinks) throws -> [(Int, String)] {
        let agency = external(), clients = freshVendors(10 + rng.below(20)), contractor = hire(0)
        let fees = clients.map { _ in (amount(median: 700) / 10).rounded() * 10 }
        let invoice = (2000 + 1500 * rng.unit()).rounded()
        try monthly { world, day in
            for (c, v) in clients.enumerated() {
                try out.pay(world.ids[v], world.ids[agency], fees[c], at: world.time(onDay: day + 3 * world.rng.unit()))
            }
            try out.pay(
                world.ids[agency], world.ids[contractor], invoice, at: world.time(onDay: day + 28 + world.rng.unit()))
        }
        try keepInTouch(out, agency, contractor, every: 7, channels: ["email", "chat"])
        for v in clients {
            if chance(0.5) { try out.message(ids[agency], ids[v], at: time(onDay: anyDay()), "email") }
            var day = rng.unit() * 20
            while day < days - 1 {
                let steps = (0..<(1 + rng.below(4))).map { _ in
                    AccessStep(action: Self.supportActions[rng.below(Self.supportActions.count)], vendor: v)
                }
                try session(out, contractor, steps, at: workTime(after: day), ticket: honestTicket(contractor))
                day += 10 + rng.unit() * 15
            }
        }
        return [(agency, "agency"), (contractor, "contractor")] + clients.map { ($0, "client") }
    }

    private mutating func relativeOwner(_ out: EventSinks) throws -> [(Int, String)] {
        let relative = external(), employee = hire(Self.insiderDepartments[rng.below(3)]), shop = freshVendors(1)[0]
        var day = rng.unit() * 30
        while day < days {
            try out.pay(ids[relative], ids[employee], (amount(median: 150) / 5).rounded() * 5, at: time(onDay: day))
            day += 10 + rng.unit() * 30
        }
        try monthly { world, day in
            try out.pay(
                world.ids[shop], world.ids[relative], world.amount(median: 3000), at: world.time(onDay: day + 1))
        }
        try keepInTouch(out, relative, employee, every: 6, channels: ["phone", "sms"])
        try keepInTouch(out, relative, shop, every: 10, channels: ["email", "phone"])
        for _ in 0..<rng.below(3) {
            try session(
                out, employee, [AccessStep(action: "view_account", vendor: shop)], at: workTime(after: anyDay()),
                ticket: ticket())
        }
        return [(relative, "relative"), (employee, "employee"), (shop, "owned_vendor")]
    }

    private mutating func flatmate(_ out: EventSinks) throws -> [(Int, String)] {
        let mate = external(), employee = hire(rng.below(employeesByDepartment.count))
        let rent = (amount(median: 450) / 10).rounded() * 10
        try monthly { world, day in
            try out.pay(world.ids[mate], world.ids[employee], rent, at: world.time(onDay: day + world.rng.unit()))
        }
        try keepInTouch(out, mate, employee, every: 4, channels: ["sms", "phone"])
        var members = [(mate, "flatmate"), (employee, "employee")]
        if chance(0.4) {
            for v in freshVendors(2 + rng.below(5)) {
                var day = rng.unit() * 40
                while day < days {
                    try out.message(ids[v], ids[mate], at: time(onDay: day - 2), "email")
                    try out.pay(ids[v], ids[mate], amount(median: 600), at: time(onDay: day))
                    day += 15 + rng.unit() * 45
                }
                members.append((v, "freelance_client"))
            }
        }
        return members
    }

    private mutating func escalatingAgency(_ out: EventSinks) throws -> [(Int, String)] {
        let agency = external(), clients = freshVendors(5 + rng.below(15))
        let contacts = (0..<(1 + rng.below(3))).map { _ in hire(0) }
        let fees = clients.map { _ in (amount(median: 500) / 10).rounded() * 10 }
        try monthly { world, day in
            for (c, v) in clients.enumerated() {
                try out.pay(world.ids[v], world.ids[agency], fees[c], at: world.time(onDay: day + 5 * world.rng.unit()))
            }
        }
        var day = rng.unit() * 10
        while day < days - 2 {
            let v = pick(clients), s = pick(contacts)
            try out.message(ids[v], ids[agency], at: time(onDay: day - 0.3), "email")
            try out.message(ids[agency], ids[s], at: time(onDay: day), "email")
            if chance(0.6) { try out.message(ids[s], ids[agency], at: time(onDay: day + 0.1), "email") }
            let steps = (0..<(1 + rng.below(3))).map { _ in
                AccessStep(
                    action: ["view_account", "restore_account", "update_listing", "view_orders"][rng.below(4)],
                    vendor: v)
            }
            try session(out, s, steps, at: time(onDay: day + 0.08 + 0.75 * rng.unit()), ticket: ticket())
            day += 5 + rng.unit() * 10
        }
        return [(agency, "agency")] + contacts.map { ($0, "support") } + clients.map { ($0, "client") }
    }

    private mutating func agent(_ out: EventSinks) throws -> [(Int, String)] {
        let agent = external(), book = freshVendors(3 + rng.below(4))
        try monthly { world, day in
            for v in book {
                try out.pay(
                    world.ids[v], world.ids[agent], world.amount(median: 200),
                    at: world.time(onDay: day + 2 * world.rng.unit()))
            }
        }
        for v in book { try keepInTouch(out, agent, v, every: 12, channels: ["email", "phone"]) }
        if chance(0.5) {
            try out.message(ids[agent], ids[pick(employeesByDepartment[0])], at: time(onDay: anyDay()), "email")
        }
        return [(agent, "agent")] + book.map { ($0, "client") }
    }

    private mutating func coldBroker(_ out: EventSinks) throws -> [(Int, String)] {
        let broker = external()
        var members = [(broker, "cold_broker")]
        for _ in 0..<(20 + rng.below(40)) {
            let v = bystander(vendors), t = anyDay()
            try out.message(ids[broker], ids[v], at: time(onDay: t), chance(0.7) ? "email" : "phone")
            if chance(0.1) { try out.message(ids[v], ids[broker], at: time(onDay: t + 1), "email") }
        }
        for _ in 0..<(5 + rng.below(15)) {
            let e = bystander(allEmployees), t = anyDay()
            try out.message(ids[broker], ids[e], at: time(onDay: t), chance(0.5) ? "chat" : "phone")
            if chance(0.3) { try out.message(ids[broker], ids[e], at: time(onDay: t + 3 + 5 * rng.unit()), "phone") }
            if chance(0.1) { try out.message(ids[e], ids[broker], at: time(onDay: t + 0.5), "chat") }
            members.append((e, "approached"))
        }
        return members
    }
}
