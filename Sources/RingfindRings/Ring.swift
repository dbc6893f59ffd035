import RingfindGraph

/// The part an entity plays in a ring.
public enum RingRole: String, Sendable, CaseIterable {
    /// The external who takes the vendors' money and pays or instructs the insiders.
    case broker
    /// An employee who touches data for the broker.
    case insider
    /// A vendor who pays the broker.
    case client
    /// A mule who relays bribes, or a front account that relays vendor money.
    case intermediary
}

/// How a member is tied to its ring.
public enum RingTier: String, Sendable, CaseIterable {
    /// Proven by the member's own evidence: a broker account whose ring is significant, an
    /// insider whose own conduct is significant, a client whose data or market was worked on
    /// soon after it paid, a front or mule on a proven path.
    case core
    /// Tied to a proven ring without proof of its own: a vendor that paid the broker more than
    /// once, an employee the broker pays or keeps talking with.
    case associate
}

/// One kind of evidence about a ring: how many events of the kind were observed, how many
/// chance gives, and the surprise −log₁₀ P(X ≥ observed) under that chance model.
public struct RingSignal: Sendable {
    /// The kinds of evidence; the raw value is the name in `rings.csv` and the case file.
    public enum Kind: String, Sendable, Codable, CaseIterable {
        /// Accesses without a ticket, against each employee's own rate elsewhere.
        case concealment
        /// Actions the employee does not otherwise perform (Good–Turing unseen mass).
        case unusualAction = "unusual_action"
        /// Jobs soon after a client's payment and a contact, against the same employee's access
        /// times shuffled (the time-shuffle null). Descriptive: legitimate escalations are timed too.
        case timing
        /// Accesses to the broker's clients against the employee's volume × the clients' share.
        /// Descriptive: legitimate service (a contractor serving an agency's clients) is focused
        /// too, so focus is reported and explained but does not make a ring significant.
        case focus
    }

    public var kind: Kind
    public var observed: Double
    public var expected: Double
    /// −log₁₀ p of `observed` against `expected`; 0 when nothing was surprising.
    public var surprise: Double
    /// False when the inputs cannot show this kind (no tickets, no times, one action) or it was
    /// switched off.
    public var available: Bool

    public var name: String { kind.rawValue }
}

/// A member of a ring with the reasons it was placed there.
public struct RingMember: Sendable {
    public var entity: Int32
    public var role: RingRole
    public var tier: RingTier
    /// In [0, 1].
    public var score: Double
    public var reasons: [String]
}

/// An input row that supports a ring.
public struct EvidenceRow: Sendable {
    /// What an evidence row shows about its member; the raw value is the name written to
    /// `evidence.csv` and the case file.
    public enum Kind: String, Sendable, CaseIterable {
        /// A client's payment to the broker.
        case clientPayment = "client_payment"
        /// A client's payment through a front, or the front's payment on to the broker.
        case frontPayment = "front_payment"
        /// The broker's payment to an insider (directly or as relayed by a mule).
        case bribe
        /// The broker's payment to a mule that the mule relayed to an insider.
        case relayedBribe = "relayed_bribe"
        /// A message between the broker and an insider.
        case contact
        /// A job within the window after a client's payment and the broker's contact.
        case timedAccess = "timed_access"
        /// A job without a ticket.
        case unticketedAccess = "unticketed_access"
        /// A job under a ticket the employee had already used on another account (`TicketReuse`).
        case reusedTicket = "reused_ticket"
        /// A job with a kind of action the employee does not otherwise perform.
        case unusualAction = "unusual_action"
    }

    public var entity: Int32
    public var signal: Kind
    public var type: EdgeType
    /// Row in the log of `type`.
    public var row: Int
}

/// A suspected ring, ranked by `strength`.
public struct Ring: Sendable {
    /// 1 for the strongest.
    public var rank: Int
    /// 1 − 10^(−strength / scale), in [0, 1].
    public var score: Double
    /// −log₁₀ of the corrected p-value: how many orders of magnitude chance falls short of
    /// producing conduct this unusual among this many candidate brokers.
    public var strength: Double
    /// p-value of the ring's evidence, adjusted for the candidates that could have reached
    /// significance (two-stage adaptive Benjamini–Hochberg after Tarone's screening).
    public var pValue: Double
    /// One per `RingSignal.Kind`, in `allCases` order.
    public var signals: [RingSignal]
    /// Brokers first, then insiders, intermediaries and clients; core before associates.
    public var members: [RingMember]
    public var evidence: [EvidenceRow]
    /// The cited access rows whose ticket is reused (`TicketReuse`), ascending: jobs counted as
    /// concealment though they show a ticket (the evidence names one signal per row, and a
    /// timed job is cited as timed).
    public var reusedTicketRows: [Int] = []

    /// The members with this role, in the ring's order.
    public func members(_ role: RingRole) -> [RingMember] { members.filter { $0.role == role } }
    /// The ring's evidence of this kind.
    public func signal(_ kind: RingSignal.Kind) -> RingSignal? { signals.first { $0.kind == kind } }
}

/// Everything ring detection found.
public struct RingDetection: Sendable {
    public var rings: [Ring]
    /// Every entity's suspicion in [0, 1]: ring members by ring and tier, everyone else graded
    /// below every member by the strongest evidence that touches them.
    public var scores: [Double]
    /// Each entity's role in its best ring, or `nil`.
    public var roles: [RingRole?]
    /// Each entity's tier in its best ring, or `nil`.
    public var tiers: [RingTier?]
    /// Each entity's best ring's rank, or 0.
    public var ringOf: [Int]
    /// Each entity's reasons (empty for most).
    public var reasons: [[String]]
    /// Entities from the most to the least suspicious (score, then id).
    public var order: [Int32]
    /// Each entity's place in `order`, from 1.
    public var rank: [Int]
    /// Candidate brokers tested.
    public var candidates: Int
    /// Those the p-values are adjusted for: the candidates whose contacts' work could have
    /// reached significance at all (Tarone's screening, see `FalseDiscovery`).
    public var counted: Int
    /// Evidence the inputs could not show, each with why ("timing: no access row has a time").
    public var unavailable: [String]
}
