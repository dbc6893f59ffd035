import Foundation
import RingfindGraph
import RingfindRings

/// `rings/ring-NNN-timeline.svg`: a ring's evidence in time, drawn as plain SVG (no script, no
/// layout engine). One lane per member — brokers, intermediaries, insiders, clients — time on
/// the x axis with date ticks; payments (green circles), messages (grey diamonds) and accesses
/// (blue squares, red when unticketed) on the lane of the member who acted, each with a hover
/// text (`<title>`) citing its input row; every proven loop — a client's payment, then the
/// broker's contact with the insider, then the insider's job on that client's data, within the
/// window — is drawn as one connected path through its three marks.
///
/// Dense rings stay readable: above `dailyAbove` marks, the marks of one lane, kind and day are
/// merged into one (its area grows with the count, its hover text says how many) and at most
/// `loopLimit` loops are drawn (the earliest). Lanes are capped at `laneLimit` members (core
/// before associates, as the ring lists them); the rest are counted in the caption.
///
/// - Complexity: O(E log E) for E evidence rows (sorting by time), plus O(L·log E) to match
///   loops; the picture has O(min(E, lanes × days)) elements.
public enum RingTimeline {
    static let laneHeight = 22.0, labelWidth = 190.0, plotWidth = 860.0, top = 46.0
    public static let dailyAbove = 600
    static let loopLimit = 200, laneLimit = 80
    static let laneOrder: [RingRole] = [.broker, .intermediary, .insider, .client]

    /// One mark before drawing.
    struct Mark {
        var lane: Int
        var time: Int64
        var kind: Kind
        var count: Int
        var title: String
        enum Kind: Int, Comparable {
            case payment, message, access, unticketed
            static func < (a: Kind, b: Kind) -> Bool { a.rawValue < b.rawValue }
        }
    }

    /// SVG text for `ring`. `window` is the loop window in milliseconds (as detection used it).
    public static func svg(
        ring: Ring, entities: EntityTable, events: EventStore, window: Int64, dailyAbove: Int = dailyAbove
    ) -> String {
        let ordered = laneOrder.flatMap { role in ring.members.filter { $0.role == role } }
        let shown = Array(ordered.prefix(laneLimit))
        var laneOf: [Int32: Int] = [:]
        for (i, member) in shown.enumerated() { laneOf[member.entity] = i }

        let rows = timedEvidence(of: ring, events: events)
        var marks = rows.compactMap { mark(for: $0, lanes: laneOf, entities: entities, events: events) }
        let dense = marks.count > dailyAbove
        if dense { marks = byDay(marks) }
        let plot = Plot(times: marks.map(\.time), laneCount: shown.count)

        let hidden = ordered.count - shown.count
        let caption =
            "Ring \(ring.rank) in time — \(rows.count) evidence rows"
            + (dense ? ", one mark per member, kind and day" : "")
            + (hidden > 0 ? "; \(hidden) more members not drawn" : "")
        var s = header(plot, caption: caption)
        s += laneLabels(shown, plot: plot, entities: entities)
        s += dateTicks(plot)
        // Loops under the marks: client payment → contact → access, within the window.
        if !dense {
            s += loopPaths(
                loops(ring: ring, rows: rows, events: events, window: window, lanes: laneOf).prefix(loopLimit),
                plot: plot)
        }
        for mark in marks { s += shape(of: mark, plot: plot) }
        s += legend(plot, dense: dense)
        return s + "</svg>\n"
    }

    /// Where the picture puts things: times on the x axis, lanes on the y axis, and its size.
    struct Plot {
        /// The times at the left and right ends of the plot (the marks' span, 2% more each side).
        let start: Double, end: Double
        let width: Double, height: Double

        /// A plot of marks at `times` on `laneCount` lanes (a day wide at least).
        init(times: [Int64], laneCount: Int) {
            let first = times.min() ?? 0, last = times.max() ?? 0
            let span = max(Double(last - first), 86_400_000)
            start = Double(first) - span * 0.02
            end = Double(last) + span * 0.02
            height = RingTimeline.top + Double(max(laneCount, 1)) * RingTimeline.laneHeight + 70
            width = RingTimeline.labelWidth + RingTimeline.plotWidth + 30
        }

        /// The x coordinate of time `t`.
        func x(_ t: Int64) -> Double {
            RingTimeline.labelWidth + (Double(t) - start) / (end - start) * RingTimeline.plotWidth
        }

        /// The y coordinate of the middle of `lane`.
        func y(_ lane: Int) -> Double { RingTimeline.top + (Double(lane) + 0.5) * RingTimeline.laneHeight }
    }

    /// The evidence rows of `ring` that have a time, once each, in time order.
    private static func timedEvidence(of ring: Ring, events: EventStore) -> [(time: Int64, item: EvidenceRow)] {
        var seen = Set<Int64>()
        var rows: [(time: Int64, item: EvidenceRow)] = []
        for item in ring.evidence {
            let log = events[item.type]
            let time = log.time[item.row]
            guard time != Timestamp.missing, seen.insert(Int64(item.type.rawValue) << 40 | Int64(item.row)).inserted
            else { continue }
            rows.append((time, item))
        }
        rows.sort { ($0.time, $0.item.type.rawValue, $0.item.row) < ($1.time, $1.item.type.rawValue, $1.item.row) }
        return rows
    }

    /// The mark of one evidence row, on the lane of its source (else its target); `nil` when
    /// neither has a lane.
    private static func mark(
        for row: (time: Int64, item: EvidenceRow), lanes laneOf: [Int32: Int], entities: EntityTable,
        events: EventStore
    ) -> Mark? {
        let (time, item) = row
        let log = events[item.type]
        let source = log.source[item.row], target = log.target[item.row]
        guard let lane = laneOf[source] ?? (target >= 0 ? laneOf[target] : nil) else { return nil }
        let (kind, what) = kindAndWhat(of: item, events: events)
        let to = target >= 0 ? " → " + entities.id(target) : ""
        let title =
            String(Timestamp.iso8601(time).prefix(16)).replacingOccurrences(of: "T", with: " ")
            + " — \(what): \(entities.id(source))\(to) — \(item.signal.rawValue) — \(events.origin(of: item.row, in: item.type))"
        return Mark(lane: lane, time: time, kind: kind, count: 1, title: title)
    }

    /// The kind of mark an evidence row makes, and what it was in words (a payment's amount,
    /// an access's action and ticket).
    private static func kindAndWhat(of item: EvidenceRow, events: EventStore) -> (Mark.Kind, String) {
        let log = events[item.type]
        switch item.type {
        case .payment:
            return (.payment, "payment \(RingDiagram.format(log.amount[item.row], 2))")
        case .communication:
            return (.message, "message")
        case .access:
            let kind: Mark.Kind = log.ticket.isEmpty(item.row) ? .unticketed : .access
            let action = log.label[item.row] >= 0 ? events.labels.string(log.label[item.row]) : "access"
            return (kind, action + (kind == .unticketed ? ", no ticket" : ", ticket " + log.ticket[item.row]))
        }
    }

    /// Marks merged per lane, kind and UTC day (the day's first mark keeps its time).
    static func byDay(_ marks: [Mark]) -> [Mark] {
        var merged: [Mark] = []
        var index: [Int64: Int] = [:]
        for mark in marks {
            let day = mark.time >= 0 ? mark.time / 86_400_000 : (mark.time + 1) / 86_400_000 - 1
            let key = (day << 12) | Int64(mark.lane << 3) | Int64(mark.kind.rawValue)
            if let i = index[key] {
                merged[i].count += 1
            } else {
                index[key] = merged.count
                merged.append(mark)
            }
        }
        for i in merged.indices where merged[i].count > 1 {
            let kind = ["payments", "messages", "accesses with a ticket", "accesses without a ticket"][
                merged[i].kind.rawValue]
            merged[i].title =
                "\(Timestamp.iso8601(merged[i].time).prefix(10)): \(merged[i].count) \(kind); the first: "
                + merged[i].title
        }
        return merged
    }

    /// Proven loops as (time, lane) triples: for each timed job of an insider on a client's data,
    /// the client's latest payment to a broker account before it and the latest contact (message or
    /// payment) from a broker account to that insider between the two, all within `window`.
    static func loops(
        ring: Ring, rows: [(time: Int64, item: EvidenceRow)], events: EventStore, window: Int64,
        lanes: [Int32: Int]
    ) -> [[(time: Int64, lane: Int)]] {
        let brokers = Set(ring.members(.broker).map(\.entity) + ring.members(.intermediary).map(\.entity))
        let clients = Set(ring.members(.client).map(\.entity))
        var payments: [Int32: [Int64]] = [:]  // client → times it paid a broker account
        var contacts: [Int32: [(time: Int64, broker: Int32)]] = [:]  // insider → broker contacts
        for (time, item) in rows {
            let log = events[item.type]
            let s = log.source[item.row], t = log.target[item.row]
            if item.type == .payment, clients.contains(s), brokers.contains(t) { payments[s, default: []].append(time) }
            if item.type != .access, brokers.contains(s), t >= 0, !brokers.contains(t), !clients.contains(t) {
                contacts[t, default: []].append((time, s))
            }
        }
        var found: [[(time: Int64, lane: Int)]] = []
        for (time, item) in rows
        where item.type == .access
            && (item.signal == .timedAccess || item.signal == .unticketedAccess || item.signal == .reusedTicket)
        {
            let log = events.access
            let insider = log.source[item.row], client = log.target[item.row]
            guard let paid = payments[client]?.last(where: { $0 <= time && time - $0 <= window }),
                let contact = contacts[insider]?.last(where: { $0.time >= paid && $0.time <= time }),
                let clientLane = lanes[client], let brokerLane = lanes[contact.broker], let insiderLane = lanes[insider]
            else { continue }
            found.append([(paid, clientLane), (contact.time, brokerLane), (time, insiderLane)])
        }
        return found
    }

    /// Date ticks at a round step (day, week, month, quarter or year) giving at most 12.
    static func ticks(from start: Int64, to end: Int64) -> [Int64] {
        let day: Int64 = 86_400_000
        let span = max(end - start, day)
        let steps: [Int64] = [1, 2, 7, 14, 30, 61, 91, 182, 365].map { $0 * day }
        let step = steps.first { span / $0 <= 12 } ?? 365 * day
        var t = (start / step + 1) * step
        var out: [Int64] = []
        while t < end && out.count < 14 {
            out.append(t)
            t += step
        }
        return out
    }

    /// An SVG coordinate or length: one decimal (the pages' bar chart uses it too).
    static func f(_ value: Double) -> String { String(format: "%.1f", value) }
}
