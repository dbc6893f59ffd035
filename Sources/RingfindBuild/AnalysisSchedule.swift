import Foundation

/// Whether communities, centrality and rings run side by side or one after another.
///
/// Side by side is faster (none of the three keeps both cores busy all the time), but their
/// working copies of the graph are alive at once. Measured at 100 M events on a 24 GB machine:
/// side by side 538 s with a 23.2 GB peak, one after another 740 s with 21.1 GB (the events,
/// the graph and the communities' projection stay alive throughout, so the saving is small).
/// `auto` therefore runs side by side unless the measured cost, `bytesPerEvent` × event rows,
/// would exceed 90 % of physical memory, where the smaller peak can decide whether the build
/// completes at all. The schedule changes no output.
public enum AnalysisSchedule: String, Sendable, CaseIterable {
    case auto
    case sideBySide = "side-by-side"
    case sequential

    /// Peak resident memory of a whole build per event row with the three side by side,
    /// measured in session 8: 2.6 GB at 10 M events, 23.2 GB at 100 M (README, *Performance*).
    /// Session 10 brought the 10 M build to 1.9 GB; the 100 M build was not measured again, so
    /// the estimate stays on the safe side.
    public static let bytesPerEvent = 260.0

    /// Whether to run side by side for `events` rows on a machine with `physicalMemory` bytes.
    public func runsSideBySide(events: Int, physicalMemory: UInt64) -> Bool {
        switch self {
        case .sideBySide: true
        case .sequential: false
        case .auto: Double(events) * Self.bytesPerEvent <= 0.9 * Double(physicalMemory)
        }
    }
}
