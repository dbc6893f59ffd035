/// What an entity is on the marketplace.
///
/// `employee` and `vendor` are the two sides a broker connects; `external` is anybody else
/// (relatives, agencies, contractors); `broker` is a confirmed or labelled broker.
public enum EntityKind: UInt8, CaseIterable, Sendable, Comparable, CustomStringConvertible {
    case employee = 0
    case vendor = 1
    case external = 2
    case broker = 3

    /// The lowercase name used in input and output files.
    public var description: String {
        switch self {
        case .employee: "employee"
        case .vendor: "vendor"
        case .external: "external"
        case .broker: "broker"
        }
    }

    /// Parses a kind name, ignoring ASCII case and surrounding spaces; `nil` when unknown.
    public init?(name: some StringProtocol) {
        let lowered = name.trimmingASCIISpaces().lowercased()
        guard let kind = EntityKind.allCases.first(where: { $0.description == lowered }) else { return nil }
        self = kind
    }

    public static func < (lhs: EntityKind, rhs: EntityKind) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// Where an entity's kind came from.
public enum KindOrigin: UInt8, Sendable {
    /// Given in an `entities` file.
    case declared = 0
    /// Inferred from the role the entity plays in events (access employee, access vendor, other).
    case inferred = 1
}

extension StringProtocol {
    /// The string without leading and trailing ASCII spaces and tabs.
    func trimmingASCIISpaces() -> Substring {
        var s = Substring(self)
        while let c = s.first, c == " " || c == "\t" { s.removeFirst() }
        while let c = s.last, c == " " || c == "\t" { s.removeLast() }
        return s
    }
}
