import Foundation
import RingfindCSV
import RingfindGraph
import RingfindRings

/// `rings.csv`, `suspects.csv`, `evidence.csv` and `baseline-rings.csv`.
public enum RingReports {
    /// The columns of `rings.csv`; the last ones are, for each kind of evidence, its surprise
    /// (−log₁₀ p), the events observed and the events chance gives.
    public static let ringColumns =
        [
            "ring", "score", "p_value", "strength", "size", "brokers", "insiders", "clients", "intermediaries",
            "members",
            "core_members",
        ]
        + RingSignal.Kind.allCases.flatMap { [$0.rawValue, "\($0.rawValue)_observed", "\($0.rawValue)_expected"] }
    public static let suspectColumns = ["rank", "id", "kind", "role", "tier", "ring", "score", "reasons"]
    public static let evidenceColumns = [
        "ring", "entity", "signal", "type", "from", "to", "timestamp", "amount", "action", "ticket", "source",
    ]

    /// `rings.csv`: ranked rings; member ids `;`-separated (brokers, insiders, intermediaries,
    /// clients; core before associates); each kind of evidence's surprise, observed and expected.
    public static func writeRings(
        to path: String, detection: RingDetection,
        entities: EntityTable
    ) throws(CSVWriteError) {
        let w = try CSVWriter(path: path)
        try w.row(ringColumns)
        for ring in detection.rings {
            w.number(ring.rank)
            w.number(rounded(ring.score))
            w.text(String(format: "%.3g", ring.pValue))
            w.number(rounded(ring.strength))
            w.number(ring.members.count)
            for role in RingRole.allCases {
                w.text(ring.members(role).map { entities.id($0.entity) }.joined(separator: ";"))
            }
            w.text(ring.members.map { entities.id($0.entity) }.joined(separator: ";"))
            w.text(ring.members.filter { $0.tier == .core }.map { entities.id($0.entity) }.joined(separator: ";"))
            // By kind, in the header's order (not by position in `ring.signals`).
            for kind in RingSignal.Kind.allCases {
                guard let signal = ring.signal(kind) else {
                    w.text("")
                    w.text("")
                    w.text("")
                    continue
                }
                if signal.available { w.number(rounded(signal.surprise)) } else { w.text("") }
                w.number(rounded(signal.observed))
                w.number(rounded(signal.expected))
            }
            try w.endRow()
        }
        try w.close()
    }

    /// `suspects.csv`: every ring member, most suspicious first, with readable reasons.
    public static func writeSuspects(
        to path: String, detection: RingDetection,
        entities: EntityTable
    ) throws(CSVWriteError) {
        let w = try CSVWriter(path: path)
        try w.row(suspectColumns)
        let suspects = detection.order.map(Int.init).filter { detection.roles[$0] != nil }
        for (i, e) in suspects.enumerated() {
            w.number(i + 1)
            w.text(entities.id(Int32(e)))
            w.text(entities.kinds[e].description)
            w.text(detection.roles[e]?.rawValue ?? "")
            w.text(detection.tiers[e]?.rawValue ?? "")
            w.number(detection.ringOf[e])
            w.number(rounded(detection.scores[e]))
            w.text(detection.reasons[e].joined(separator: "; "))
            try w.endRow()
        }
        try w.close()
    }

    /// `evidence.csv`: one row per supporting input row, citing `file:line`.
    public static func writeEvidence(
        to path: String, detection: RingDetection, entities: EntityTable,
        events: EventStore
    ) throws(CSVWriteError) {
        let w = try CSVWriter(path: path)
        try w.row(evidenceColumns)
        for ring in detection.rings {
            for item in ring.evidence {
                let log = events[item.type]
                let r = item.row
                w.number(ring.rank)
                w.text(entities.id(item.entity))
                w.text(item.signal.rawValue)
                w.text(item.type.description)
                w.text(entities.id(log.source[r]))
                w.text(log.target[r] >= 0 ? entities.id(log.target[r]) : "")
                w.text(Timestamp.iso8601(log.time[r]))
                if item.type == .payment { w.number(log.amount[r]) } else { w.text("") }
                w.text(item.type == .access && log.label[r] >= 0 ? events.labels.string(log.label[r]) : "")
                w.text(item.type == .access ? log.ticket[r] : "")
                w.text(events.origin(of: r, in: item.type))
                try w.endRow()
            }
        }
        try w.close()
    }

    /// `baseline-rings.csv`: the hand-written rule's rings, in the columns of `rings.csv`.
    public static func writeBaseline(
        to path: String, rings: [BaselineRule.BaselineRing],
        entities: EntityTable
    ) throws(CSVWriteError) {
        let w = try CSVWriter(path: path)
        try w.row(["ring", "score", "size", "brokers", "insiders", "clients", "intermediaries", "members"])
        for (i, ring) in rings.enumerated() {
            w.number(i + 1)
            w.number(ring.score)
            w.number(1 + ring.insiders.count + ring.clients.count)
            w.text(entities.id(ring.broker))
            w.text(ring.insiders.map { entities.id($0) }.joined(separator: ";"))
            w.text(ring.clients.map { entities.id($0) }.joined(separator: ";"))
            w.text("")
            w.text(([ring.broker] + ring.insiders + ring.clients).map { entities.id($0) }.joined(separator: ";"))
            try w.endRow()
        }
        try w.close()
    }

    static func rounded(_ value: Double) -> Double { (value * 1e9).rounded() / 1e9 }

}
