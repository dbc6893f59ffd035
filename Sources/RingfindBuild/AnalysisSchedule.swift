import Foundation

/// Whether communities, centrality and rings run side by side or one after another.
///
/// Side by side is faster (none of the three keeps both cores busy all the time), but each
/// keeps its own working copy of the graph alive at once: at 100 M events that stage held
/// 23.2 GB, all of a 24 GB machine. `auto` runs them side by side while the measured cost,
/// `bytesPerEvent` × event rows, fits in half of physical memory, and one after another beyond
/// (the rest is left to the inputs' page cache, the OS and other programs). The schedule
/// changes no output.
public enum AnalysisSchedule: String, Sendable, CaseIterable {
    case auto
    case sideBySide = "side-by-side"
    case sequential

    /// Peak resident memory of a whole build per event row with the three side by side,
    /// measured: 2.6 GB at 10 M events, 23.2 GB at 100 M (README, *Performance*).
    public static let bytesPerEvent = 260.0

    /// Whether to run side by side for `events` rows on a machine with `physicalMemory` bytes.
    public func runsSideBySide(events: Int, physicalMemory: UInt64) -> Bool {
        switch self {
        case .sideBySide: true
        case .sequential: false
        case .auto: Double(events) * Self.bytesPerEvent <= 0.5 * Double(physicalMemory)
        }
    }
}
