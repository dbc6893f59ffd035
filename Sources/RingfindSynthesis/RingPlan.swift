import RingfindCSV

/// One ring of the marketplace as drawn before any of its rows is written.
struct RingPlan {
    enum InsiderKind: String, Sendable {
        /// Does most of the ring's jobs.
        case regular
        /// Little legitimate work; recruited part-way, one or two jobs, kept in touch.
        case idle
        /// A large legitimate workload; ring work under 1 % of it.
        case busy
    }

    enum JobKind: String, CaseIterable, Sendable {
        /// On the client's own data.
        case own
        /// On a rival of the client (same market).
        case rival
        /// An export naming no vendor, or a sweep over the client's market.
        case bulk
    }

    struct Insider {
        var employee: Int
        var kind: InsiderKind
        /// Day of the first contact with the broker.
        var recruited: Double
        /// The monthly sum of a retainer ring.
        var retainer: Double
        /// Ring access rows this insider may still write (busy insiders only).
        var rowBudget: Int = .max
        /// Jobs done and ring access rows written so far.
        var jobs = 0
        var rows = 0
    }

    struct Client {
        var vendor: Int
        var once: Bool
    }

    struct Job {
        var client: Int
        /// Day the client pays.
        var day: Double
        var insider: Int = 0
    }

    var ring: Int
    var payment: PaymentStyle
    /// Broker accounts in order of use; a second one takes over on `switchDay`.
    var accounts: [Int]
    var switchDay: Double
    var mule: Int?
    var front: Int?
    var insiders: [Insider]
    var clients: [Client]
    /// Share of this ring's jobs done under a (fake) ticket.
    var ticketRate: Double

    /// The account in use on `day`.
    func account(onDay day: Double) -> Int { accounts.count > 1 && day >= switchDay ? accounts[1] : accounts[0] }
}

/// An insider of a planted ring and the ring work it did.
public struct PlantedInsider: Sendable, Equatable {
    public var id: String
    /// regular, idle (recruited, one or two jobs) or busy (ring work < 1 % of its access rows).
    public var kind: String
    public var jobs: Int
    /// Ring access rows (the rest of the insider's rows are legitimate work).
    public var rows: Int
}

/// What was planted in one ring, as `planted.csv` lists it.
public struct PlantedRing: Sendable, Equatable {
    public var ring: Int
    /// timed, retainer or offbook.
    public var style: String
    public var brokers: [String]
    public var mule: String?
    public var front: String?
    public var insiders: [PlantedInsider]
    public var clients: [String]
    /// Clients that paid for one job only.
    public var payingOnce: [String]
    public var ticketRate: Double
    /// Jobs by kind (own, rival, bulk).
    public var jobs: [String: Int]
    /// Vendors whose data was taken in rival jobs and sweeps (not ring members).
    public var victims: [String]

}

extension PlantedRing {
    static let header = [
        "ring_id", "style", "brokers", "mule", "front", "ticket_rate", "insiders", "clients", "paying_once",
        "jobs_own", "jobs_rival", "jobs_bulk", "victims",
    ]

    /// One row of `planted.csv`; lists are joined by `;`, insiders as `id:kind:jobs`.
    func write(_ out: CSVWriter) {
        out.number(ring)
        out.text(style)
        out.text(brokers.joined(separator: ";"))
        out.text(mule ?? "")
        out.text(front ?? "")
        out.number((ticketRate * 1000).rounded() / 1000)
        out.text(insiders.map { "\($0.id):\($0.kind):\($0.jobs)" }.joined(separator: ";"))
        out.text(clients.joined(separator: ";"))
        out.text(payingOnce.joined(separator: ";"))
        for kind in RingPlan.JobKind.allCases { out.number(jobs[kind.rawValue] ?? 0) }
        out.text(victims.joined(separator: ";"))
    }
}
