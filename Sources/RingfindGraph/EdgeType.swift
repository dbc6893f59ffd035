/// The three logs ringfind reads, and the typed edges they aggregate into.
public enum EdgeType: UInt8, CaseIterable, Sendable, CustomStringConvertible {
    /// Someone messaged someone (`communications`): `from` → `to`.
    case communication = 0
    /// Someone paid someone (`payments`): `from` → `to`, with an amount.
    case payment = 1
    /// An employee touched a vendor's data or account (`access`): `employee` → `vendor`.
    case access = 2

    /// The lowercase name used in reports.
    public var description: String {
        switch self {
        case .communication: "communication"
        case .payment: "payment"
        case .access: "access"
        }
    }
}
