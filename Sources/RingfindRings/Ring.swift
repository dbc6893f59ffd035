import RingfindGraph

/// The part an entity plays in a ring.
public enum RingRole: String, Sendable, CaseIterable {
    /// The external who takes the vendors' money and pays or instructs the insiders.
    case broker
    /// An employee who touches the clients' data for the broker.
    case insider
    /// A vendor who pays the broker.
    case client
    /// A mule who relays bribes, or a front account that relays vendor money.
    case intermediary
}

/// One signal of a ring's score: its value in [0, 1], its weight, and what it adds.
public struct RingSignal: Sendable {
    public var name: String
    public var value: Double
    public var weight: Double
    public var contribution: Double { value * weight }
}

/// A member of a ring with the reasons it was placed there.
public struct RingMember: Sendable {
    public var entity: Int32
    public var role: RingRole
    /// In [0, 1].
    public var score: Double
    public var reasons: [String]
}

/// An input row that supports a ring.
public struct EvidenceRow: Sendable {
    public var entity: Int32
    /// `client_payment`, `front_payment`, `bribe`, `relayed_bribe`, `contact` or `access`.
    public var signal: String
    public var type: EdgeType
    /// Row in the log of `type`.
    public var row: Int
}

/// A suspected ring, ranked by `score`.
public struct Ring: Sendable {
    /// 1 for the highest score.
    public var rank: Int
    public var score: Double
    public var signals: [RingSignal]
    /// Broker first, then insiders, intermediaries and clients, each by score then id.
    public var members: [RingMember]
    public var evidence: [EvidenceRow]

    public func members(_ role: RingRole) -> [RingMember] { members.filter { $0.role == role } }
}

/// Everything ring detection found.
public struct RingDetection: Sendable {
    public var rings: [Ring]
    /// Every entity's suspicion in [0, 1] (0 when nothing points at it).
    public var scores: [Double]
    /// Each entity's role in its best ring, or `nil`.
    public var roles: [RingRole?]
    /// Each entity's best ring's rank, or 0.
    public var ringOf: [Int]
    /// Each entity's reasons (empty for most).
    public var reasons: [[String]]
    /// Entities from the most to the least suspicious (score, then id).
    public var order: [Int32]
    /// Each entity's place in `order`, from 1.
    public var rank: [Int]
}
