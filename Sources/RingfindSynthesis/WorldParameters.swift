/// What a synthetic world looks like: its size, its rings and how well they hide.
public struct WorldParameters: Sendable {
    /// Entities in the background population (rings add a few more).
    public var entities: Int
    /// Background events (communications, payments, access rows).
    public var events: Int
    public var rings: Int
    public var camouflage: Camouflage
    public var seed: UInt64
    /// Days the logs cover.
    public var days: Int = 180
    /// How brokers pay insiders, and which world is drawn: `.classic` is the original world,
    /// the other styles the marketplace with markets, sessions and ring behaviours.
    public var style: RingStyle = .classic
    /// Innocent look-alikes (never ring members); only in the marketplace (non-classic styles).
    public var decoys: Bool = false
    /// Ring behaviours left out (non-classic styles; all are on by default).
    public var without: Set<RingBehaviour> = []

    public init(entities: Int, events: Int, rings: Int, camouflage: Camouflage, seed: UInt64) {
        self.entities = entities
        self.events = events
        self.rings = rings
        self.camouflage = camouflage
        self.seed = seed
    }

    /// The named scales: small ≈ 5k entities / 100k events, medium ≈ 50k / 1M, large ≈ 1M / 10M,
    /// huge ≈ 10M / 100M; or a number of entities (with 20 events each).
    public static func scale(_ name: String) -> (entities: Int, events: Int)? {
        switch name.lowercased() {
        case "small": return (5_000, 100_000)
        case "medium": return (50_000, 1_000_000)
        case "large": return (1_000_000, 10_000_000)
        case "huge": return (10_000_000, 100_000_000)
        default:
            guard let n = Int(name), n >= 200 else { return nil }
            return (n, 20 * n)
        }
    }
}

/// How much effort rings put into hiding.
public enum Camouflage: String, CaseIterable, Sendable {
    /// Direct payments, no tickets, quiet lives.
    case none
    /// Some rings relay bribes through a mule or route vendor money through a front account,
    /// and file tickets for some ring access.
    case some
    /// Most rings use mules and fronts, many bribes are off the books (messages only), most
    /// ring access has a ticket, and brokers have busy ordinary lives.
    case heavy

    var muleRate: Double { self == .none ? 0 : self == .some ? 0.3 : 0.6 }
    var frontRate: Double { self == .none ? 0 : self == .some ? 0.3 : 0.6 }
    var offBookRate: Double { self == .heavy ? 0.4 : 0 }
    var ticketRate: Double { self == .none ? 0.05 : self == .some ? 0.3 : 0.6 }
    var busyBrokers: Bool { self == .heavy }
}
