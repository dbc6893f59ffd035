import Foundation
import RingfindGraph

/// The marketplace world of the non-classic styles: its population and the habits of each part.
///
/// - Vendors sell in **markets** (a category in a country, `group` = `electronics-DE`, with
///   subcategories such as `toys.2-FR` in larger worlds), about 25 vendors each on average, of
///   Zipf-like sizes, so that "same group" means competitors.
/// - **Employees** sit in departments and teams; each has an honest no-ticket rate drawn from
///   1–8 % and a log-normal workload, with a few very busy and a few nearly idle people.
///   Support staff look after a book of vendors in a few markets, analysts a beat of markets.
/// - **Externals**: agencies with a book of client vendors, service firms, relatives of
///   employees, contractor firms that employ staff.
struct Marketplace: RandomDrawing {
    let parameters: WorldParameters
    var rng: SplitMix64
    let start: Int64 = Timestamp.daysSinceEpoch(year: 2025, month: 1, day: 1) * 86_400_000
    static let dayMs: Int64 = 86_400_000
    var days: Double { Double(parameters.days) }

    static let categories = [
        "electronics", "fashion", "home", "toys", "beauty", "sports",
        "books", "auto", "garden", "pets", "grocery", "health",
    ]

    var roster = EntityRoster()
    var ids: [String] { roster.ids }

    /// Employees by department (indices into `World.departments`), teams of about 25.
    var employeesByDepartment: [[Int]] = Array(repeating: [], count: World.departments.count)
    var teams: [[Int]] = []
    var teamOf: [Int: Int] = [:]
    var departmentOf: [Int: Int] = [:]
    var allEmployees: [Int] = []
    /// Each employee's honest rate of access without a ticket (1–8 %).
    var noTicketRate: [Int: Double] = [:]
    /// Each employee's share of their department's work (relative weight).
    var workload: [Int: Double] = [:]
    /// Running sums of `workload` per department, for weighted picks.
    var workloadSums: [[Double]] = []
    /// Legitimate access rows written per employee (ring work is kept below 1 % of it for busy insiders).
    var accessCount: [Int: Int] = [:]

    var vendors: [Int] = []
    var markets: [String] = []
    var marketOf: [Int: Int] = [:]
    var vendorsByMarket: [[Int]] = []
    /// Vendors a support employee looks after; markets an analyst covers.
    var book: [Int: [Int]] = [:]
    var beat: [Int: [Int]] = [:]

    var agencies: [Int] = []
    /// Client vendors of each agency, parallel to `agencies`.
    var agencyClients: [[Int]] = []
    var services: [Int] = []
    var relatives: [Int] = []
    var familyOf: [Int: Int] = [:]
    var contractorFirms: [Int] = []
    var firmStaff: [[Int]] = []
    /// Employees and vendors already given a part in a ring or decoy.
    var cast = Set<Int>()

    init(_ parameters: WorldParameters) {
        self.parameters = parameters
        rng = SplitMix64(seed: parameters.seed ^ 0x4D41_524B_4554_504C)
        let n = max(parameters.entities, 200)
        let employeeCount = max(n / 10, 20)
        let externalCount = max(n * 16 / 100, 20)
        let vendorCount = max(n - employeeCount - externalCount, 50)
        addEmployees(employeeCount)
        addVendors(vendorCount)
        addExternals(externalCount)
    }

    mutating func add(kind: String, name: String, group: String = "") -> Int {
        roster.add(kind: kind, name: name, group: group, using: &rng)
    }

    private mutating func addEmployees(_ count: Int) {
        for (d, share) in World.departmentShares.enumerated() {
            var team: [Int] = []
            for _ in 0..<max(2, Int(Double(count) * share)) {
                let e = add(kind: "employee", name: "Employee", group: World.departments[d])
                employeesByDepartment[d].append(e)
                departmentOf[e] = d
                noTicketRate[e] = 0.01 + 0.07 * rng.unit()
                let roll = rng.unit()
                workload[e] = exp(0.6 * normal()) * (roll < 0.05 ? 10 : roll < 0.15 ? 0.08 : 1)
                team.append(e)
                if team.count == 25 {
                    teams.append(team)
                    team = []
                }
            }
            if !team.isEmpty { teams.append(team) }
        }
        for (t, team) in teams.enumerated() { for e in team { teamOf[e] = t } }
        allEmployees = employeesByDepartment.flatMap { $0 }
        workloadSums = employeesByDepartment.map { staff in
            var sum = 0.0
            return staff.map {
                sum += workload[$0]!
                return sum
            }
        }
    }

    private mutating func addVendors(_ count: Int) {
        // About 25 vendors a market: category and country, then subcategories (`toys.2-FR`) in
        // larger worlds.
        let wanted = max(6, count / 25)
        var layer = 0
        while markets.count < wanted {
            layer += 1
            let suffix = layer == 1 ? "" : ".\(layer)"
            var names = Self.categories.flatMap { c in World.countries.map { "\(c)\(suffix)-\($0)" } }
            rng.shuffle(&names)
            markets += names.prefix(wanted - markets.count)
        }
        vendorsByMarket = Array(repeating: [], count: markets.count)
        var sum = 0.0
        let sizes = markets.indices.map { i -> Double in
            sum += pow(Double(i + 1), -0.7)
            return sum
        }
        for _ in 0..<count {
            let m = Self.weightedIndex(sizes, rng.unit())
            let v = add(kind: "vendor", name: "Vendor", group: markets[m])
            vendors.append(v)
            marketOf[v] = m
            vendorsByMarket[m].append(v)
        }
        for e in employeesByDepartment[0] {
            let covered = (0..<(2 + rng.below(3))).map { _ in rng.below(markets.count) }.uniqued()
            let pool = covered.flatMap { vendorsByMarket[$0] }
            book[e] = pool.isEmpty ? [pick(vendors)] : (0..<min(150, pool.count)).map { _ in pick(pool) }.uniqued()
        }
        for e in employeesByDepartment[2] {
            beat[e] = (0..<(3 + rng.below(4))).map { _ in rng.below(markets.count) }.uniqued().filter {
                !vendorsByMarket[$0].isEmpty
            }
        }
    }

    private mutating func addExternals(_ count: Int) {
        let employees = allEmployees
        for i in 0..<count {
            switch i % 25 {
            case 0:
                agencies.append(add(kind: "external", name: "External"))
                agencyClients.append(clientBook(size: 10 + rng.below(30)))
            case 1..<8:
                let r = add(kind: "external", name: "External")
                relatives.append(r)
                familyOf[r] = pick(employees)
            case 8..<10:
                contractorFirms.append(add(kind: "external", name: "External"))
                firmStaff.append((0..<(1 + rng.below(3))).map { _ in pick(employeesByDepartment[3]) }.uniqued())
            default:
                services.append(add(kind: "external", name: "External"))
            }
        }
    }

    /// Vendors of one to three markets, as an agency or an agent would serve them.
    mutating func clientBook(size: Int) -> [Int] {
        let home = (0..<(1 + rng.below(3))).map { _ in rng.below(markets.count) }.uniqued()
        let pool = home.flatMap { vendorsByMarket[$0] }
        return (0..<size).map { _ in pool.isEmpty || chance(0.15) ? pick(vendors) : pick(pool) }.uniqued()
    }

    /// The first index whose running sum exceeds `u` × the total.
    static func weightedIndex(_ sums: [Double], _ u: Double) -> Int {
        let target = u * sums[sums.count - 1]
        var lo = 0, hi = sums.count - 1
        while lo < hi {
            let mid = (lo + hi) / 2
            if sums[mid] > target { hi = mid } else { lo = mid + 1 }
        }
        return lo
    }

    /// An employee of department `d`, in proportion to workload.
    mutating func worker(in d: Int) -> Int {
        employeesByDepartment[d][Self.weightedIndex(workloadSums[d], rng.unit())]
    }

    /// A member of `pool` not cast in a ring or decoy, if one turns up in a few draws.
    mutating func bystander(_ pool: [Int]) -> Int {
        var x = pick(pool)
        for _ in 0..<50 where cast.contains(x) { x = pick(pool) }
        return x
    }

    // MARK: Clock

    func time(onDay day: Double) -> Int64 { start + Int64(day * Double(Self.dayMs)) }
    mutating func anyDay() -> Double { rng.unit() * days }
    /// A moment in working hours (07:00–19:00 UTC) of day `day`.
    mutating func workTime(onDay day: Int) -> Int64 {
        start + Int64(day) * Self.dayMs + Int64((7 + 12 * rng.unit()) * 3_600_000)
    }
    mutating func workTime(after day: Double) -> Int64 {
        workTime(onDay: min(Int(day.rounded(.up)), parameters.days - 1))
    }
}
