import Foundation

extension RingAssembly {
    /// One kind of evidence in words: of one employee, or (`ofTheRing`) summed over the broker's tied employees.
    static func conductReason(_ s: RingSignal, windowDays: String, ofTheRing: Bool = false) -> String {
        let what: String = switch s.kind {
        case .concealment: "without a ticket"
        case .unusualAction: "kinds of action the employee does not otherwise perform"
        case .timing: "within \(windowDays) days after a client's payment and the broker's payment or message to the employee"
        case .focus: "to the broker's clients"
        }
        let chance: String = switch s.kind {
        case .concealment: ofTheRing ? "the tied employees' own habits give" : "the employee's own habits give"
        case .timing: ofTheRing ? "the tied employees' job times shuffled give" : "the employee's job times shuffled give"
        default: "chance gives"
        }
        let unit = switch s.kind {
        case .unusualAction: ""
        case .concealment, .timing: s.observed == 1 ? " job" : " jobs"
        default: s.observed == 1 ? " access" : " accesses"
        }
        let subject = "\(Format.count(s.observed))\(unit) \(what)"
        return "\(subject), where \(chance) \(Format.count(s.expected))"
            + (s.surprise >= 1 ? " (p = \(Format.pValue(pow(10, -s.surprise))))" : "")
    }
}
