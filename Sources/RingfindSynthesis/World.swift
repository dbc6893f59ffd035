import Foundation
import RingfindCSV
import RingfindGraph

/// The classic world (`--style classic`, the default): its population and how each part of it
/// behaves. Its output is fixed byte for byte (a test holds it to a digest), so that benchmarks
/// over classic worlds keep their meaning; new behaviours go into `Marketplace`.
struct World: RandomDrawing {
    let parameters: WorldParameters
    var rng: SplitMix64
    let start: Int64 = Timestamp.daysSinceEpoch(year: 2025, month: 1, day: 1) * 86_400_000
    let dayMs: Int64 = 86_400_000

    static let departments = ["Support", "Trust & Safety", "Sales Analytics", "Engineering", "Finance"]
    static let departmentShares = [0.30, 0.15, 0.15, 0.25, 0.15]
    static let countries = ["DE", "FR", "IT", "ES", "PL", "NL", "SE", "AT", "BE", "PT"]

    /// Every entity: id, kind, name, group.
    var roster = EntityRoster()
    var ids: [String] { roster.ids }

    var employeesByDepartment: [[Int]] = Array(repeating: [], count: 5)
    var teamOf: [Int: Int] = [:]
    var teams: [[Int]] = []
    var vendors: [Int] = []
    var agencies: [Int] = []
    var services: [Int] = []
    var relatives: [Int] = []
    var contractors: [Int] = []
    /// Vendors each support employee looks after.
    var book: [Int: [Int]] = [:]

    init(_ parameters: WorldParameters) {
        self.parameters = parameters
        rng = SplitMix64(seed: parameters.seed ^ 0x5EED_0F_F1CE)
        let n = max(parameters.entities, 200)
        let employeeCount = max(n / 10, 20)
        let externalCount = max(n * 16 / 100, 20)
        let vendorCount = max(n - employeeCount - externalCount, 50)
        // Employees in departments and teams of about 25.
        for (d, share) in Self.departmentShares.enumerated() {
            let count = max(2, Int(Double(employeeCount) * share))
            var team: [Int] = []
            for _ in 0..<count {
                let e = add(kind: "employee", name: "Employee", group: Self.departments[d])
                employeesByDepartment[d].append(e)
                team.append(e)
                if team.count == 25 {
                    teams.append(team)
                    team = []
                }
            }
            if !team.isEmpty { teams.append(team) }
        }
        for (t, team) in teams.enumerated() { for e in team { teamOf[e] = t } }
        for _ in 0..<vendorCount {
            vendors.append(add(kind: "vendor", name: "Vendor", group: Self.countries[rng.below(Self.countries.count)]))
        }
        for i in 0..<externalCount {
            let x = add(kind: "external", name: "External", group: "")
            switch i % 50 {
            case 0: agencies.append(x)
            case 1..<15: relatives.append(x)
            case 15..<25: contractors.append(x)
            default: services.append(x)
            }
        }
        // Each support employee's book of vendors.
        for e in employeesByDepartment[0] {
            book[e] = (0..<min(200, vendors.count)).map { _ in vendors[rng.below(vendors.count)] }
        }
    }

    /// Adds an entity with a fresh random id; returns its index.
    mutating func add(kind: String, name: String, group: String) -> Int {
        roster.add(kind: kind, name: name, group: group, using: &rng)
    }

    mutating func time(onDay day: Double) -> Int64 { start + Int64(day * Double(dayMs)) }
    mutating func anyTime() -> Int64 { start + Int64(rng.unit() * Double(parameters.days) * Double(dayMs)) }

    var allEmployees: [Int] { employeesByDepartment.flatMap { $0 } }

    /// Ordinary marketplace life.
    mutating func writeBackground(_ out: EventSinks) throws {
        let total = parameters.events
        let employees = allEmployees
        // Joined once: joining them for every event allocated and copied megabytes per event at
        // the huge scale.
        let relativesAndContractors = relatives + contractors, servicesAndAgencies = services + agencies
        for _ in 0..<Int(Double(total) * 0.6) {
            let roll = rng.unit()
            let t = anyTime()
            if roll < 0.75 {
                let e = pick(employees)
                let teamMates = teams[teamOf[e]!]
                let r = rng.unit()
                let other: Int
                if r < 0.75 {
                    other = pick(teamMates)
                } else if r < 0.9 {
                    other = pick(employees)
                } else {
                    other = pick(vendors)
                }
                if other != e { try out.message(ids[e], ids[other], at: t, chance(0.7) ? "chat" : "email") }
            } else if roll < 0.85 {
                try out.message(ids[pick(vendors)], ids[pick(employeesByDepartment[0])], at: t, "email")
            } else if roll < 0.93 {
                let a = pick(agencies)
                if chance(0.5) {
                    try out.message(ids[a], ids[pick(vendors)], at: t, "email")
                } else {
                    try out.message(ids[a], ids[pick(employees)], at: t, "email")
                }
            } else {
                let x = pick(relativesAndContractors)
                try out.message(ids[x], ids[pick(employees)], at: t, chance(0.5) ? "phone" : "sms")
            }
        }
        for _ in 0..<Int(Double(total) * 0.1) {
            let roll = rng.unit()
            let t = anyTime()
            if roll < 0.45 {
                try out.pay(ids[pick(vendors)], ids[pick(agencies)], amount(median: 800), at: t)
            } else if roll < 0.75 {
                try out.pay(ids[pick(vendors)], ids[pick(services)], amount(median: 300), at: t)
            } else if roll < 0.85 {
                try out.pay(ids[pick(relatives)], ids[pick(employees)], amount(median: 150), at: t)
            } else if roll < 0.9 {
                try out.pay(ids[pick(contractors)], ids[pick(employees)], amount(median: 600), at: t)
            } else {
                try out.pay(ids[pick(services)], ids[pick(servicesAndAgencies)], amount(median: 1000), at: t)
            }
        }
        let accessCount = total - Int(Double(total) * 0.6) - Int(Double(total) * 0.1)
        for _ in 0..<accessCount {
            let roll = rng.unit()
            let t = anyTime()
            if roll < 0.6 {
                let e = pick(employeesByDepartment[0])
                let v = pick(book[e]!)
                let action = ["view_account", "update_listing", "view_orders", "view_orders", "restore_account"][
                    rng.below(5)]
                try out.touch(ids[e], action, vendor: ids[v], at: t, ticket: chance(0.96) ? ticket() : "")
            } else if roll < 0.8 {
                let e = pick(employeesByDepartment[1])
                let action = ["delete_review", "view_reviewer_pii", "restore_account", "view_account"][rng.below(4)]
                try out.touch(ids[e], action, vendor: ids[pick(vendors)], at: t, ticket: chance(0.97) ? ticket() : "")
            } else if roll < 0.95 {
                let e = pick(employeesByDepartment[2])
                let action = chance(0.7) ? "view_sales_metrics" : "export_sales_metrics"
                try out.touch(ids[e], action, vendor: ids[pick(vendors)], at: t, ticket: chance(0.92) ? ticket() : "")
            } else {
                let e = pick(employeesByDepartment[3])
                try out.touch(
                    ids[e], "run_migration", vendor: "",
                    resource: ["reviews-db", "orders-db", "metrics-warehouse"][rng.below(3)],
                    at: t, ticket: "CHG-\(rng.below(100_000))")
            }
        }
    }

    /// The planted rings; returns the truth rows.
    mutating func writeRings(_ out: EventSinks) throws -> [WorldGenerator.TruthRow] {
        var truth: [WorldGenerator.TruthRow] = []
        let camouflage = parameters.camouflage
        let insiderPool = employeesByDepartment[0] + employeesByDepartment[1] + employeesByDepartment[2]
        let sensitive = ["delete_review", "restore_account", "view_reviewer_pii", "export_sales_metrics"]
        for ring in 1...max(parameters.rings, 1) where parameters.rings > 0 {
            let broker = add(kind: "external", name: "External", group: "")
            let insiders = (0..<(2 + rng.below(3))).map { _ in pick(insiderPool) }.uniqued()
            let clients = (0..<(4 + rng.below(7))).map { _ in pick(vendors) }.uniqued()
            let mule = chance(camouflage.muleRate) ? add(kind: "external", name: "External", group: "") : nil
            let front = chance(camouflage.frontRate) ? add(kind: "external", name: "External", group: "") : nil
            truth.append(.init(entity: ids[broker], ring: ring, role: "broker"))
            for i in insiders { truth.append(.init(entity: ids[i], ring: ring, role: "insider")) }
            for c in clients { truth.append(.init(entity: ids[c], ring: ring, role: "client")) }
            if let mule { truth.append(.init(entity: ids[mule], ring: ring, role: "intermediary")) }
            if let front { truth.append(.init(entity: ids[front], ring: ring, role: "intermediary")) }
            let offBook = chance(camouflage.offBookRate)
            let days = Double(parameters.days)
            // Standing contact: the broker and the insiders talk every week or so.
            for insider in insiders {
                var day = rng.unit() * 7
                while day < days {
                    try out.message(
                        ids[broker], ids[insider], at: time(onDay: day + 0.8), chance(0.6) ? "phone" : "chat")
                    if chance(0.5) { try out.message(ids[insider], ids[broker], at: time(onDay: day + 0.85), "phone") }
                    day += 5 + rng.unit() * 6
                }
            }
            // Each client buys a favour about every three to five weeks.
            for client in clients {
                let insider = insiders[rng.below(insiders.count)]
                var day = rng.unit() * 20
                while day < days - 10 {
                    let fee = amount(median: 2500)
                    if let front {
                        try out.pay(ids[client], ids[front], fee, at: time(onDay: day))
                        try out.pay(ids[front], ids[broker], fee * 0.95, at: time(onDay: day + 0.5 + rng.unit()))
                    } else {
                        try out.pay(ids[client], ids[broker], fee, at: time(onDay: day))
                    }
                    if chance(0.5) { try out.message(ids[client], ids[broker], at: time(onDay: day - 0.5), "email") }
                    let bribeDay = day + 1 + rng.unit() * 2
                    if offBook {
                        try out.message(ids[broker], ids[insider], at: time(onDay: bribeDay), "phone")
                    } else if let mule {
                        try out.pay(ids[broker], ids[mule], fee * 0.3, at: time(onDay: bribeDay))
                        try out.pay(ids[mule], ids[insider], fee * 0.28, at: time(onDay: bribeDay + 0.5 + rng.unit()))
                    } else {
                        try out.pay(ids[broker], ids[insider], fee * 0.3, at: time(onDay: bribeDay))
                    }
                    for _ in 0..<(1 + rng.below(3)) {
                        let accessDay = bribeDay + 1 + rng.unit() * 5
                        try out.touch(
                            ids[insider], sensitive[rng.below(sensitive.count)], vendor: ids[client],
                            at: time(onDay: accessDay), ticket: chance(camouflage.ticketRate) ? ticket() : "")
                    }
                    day += 21 + rng.unit() * 14
                }
            }
            if camouflage.busyBrokers {
                // An ordinary consultancy: other vendors pay it, it pays services and talks to people.
                for _ in 0..<(20 + rng.below(30)) {
                    try out.pay(ids[pick(vendors)], ids[broker], amount(median: 900), at: anyTime())
                    try out.message(ids[broker], ids[pick(vendors)], at: anyTime(), "email")
                }
                for _ in 0..<(5 + rng.below(10)) {
                    try out.pay(ids[broker], ids[pick(services)], amount(median: 400), at: anyTime())
                }
            }
        }
        return truth
    }

    /// `entities.csv`: employees and vendors with their kind; externals (brokers among them) as
    /// external.
    mutating func writeEntities(_ out: CSVWriter) throws { try roster.write(out, using: &rng) }
}

extension Array where Element == Int {
    /// The elements without repeats, in first-seen order.
    func uniqued() -> [Int] {
        var seen = Set<Int>()
        return filter { seen.insert($0).inserted }
    }
}
