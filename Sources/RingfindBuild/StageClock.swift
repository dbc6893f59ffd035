import Foundation

/// Wall time of each stage of a build, kept outside the stages: the caller ends a stage with
/// `lap(_:)`; stages that ran side by side are timed by themselves (`StageClock.timed`) and
/// recorded together with `record(_:)`. Times are rounded to milliseconds.
public final class StageClock {
    private let started = Date()
    private var lapStarted: Date
    /// The stages recorded so far, in the order they were recorded.
    public private(set) var stages: [BuildManifest.Stage] = []

    public init() { lapStarted = started }

    /// Records the time since the last stage ended as `stage`.
    public func lap(_ stage: String) {
        stages.append(.init(stage: stage, seconds: Self.rounded(Date().timeIntervalSince(lapStarted))))
        lapStarted = Date()
    }

    /// Records stages that timed themselves (their times may overlap); the next lap starts now.
    public func record(_ timed: [(stage: String, seconds: Double)]) {
        stages += timed.map { .init(stage: $0.stage, seconds: Self.rounded($0.seconds)) }
        lapStarted = Date()
    }

    /// Seconds since the clock was made, rounded to milliseconds.
    public var totalSeconds: Double { Self.rounded(Date().timeIntervalSince(started)) }

    /// `body`'s result and the seconds it took (not rounded).
    public static func timed<T>(_ body: () throws -> T) rethrows -> (T, seconds: Double) {
        let start = Date()
        let value = try body()
        return (value, Date().timeIntervalSince(start))
    }

    static func rounded(_ seconds: Double) -> Double { (seconds * 1000).rounded() / 1000 }
}
