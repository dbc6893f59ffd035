/// Every setting of ring detection in one value, recorded in `build.json` exactly as it ran.
///
/// None of these is fitted to a data set: the window is the investigator's notion of "soon
/// after the money moved", `alpha` is a false discovery rate, and the score scale only maps evidence onto [0, 1] for display
/// (ranking uses the evidence itself).
public struct RingParameters: Sendable, Codable, Equatable {
    /// How soon after a client's payment a job counts as paid for (milliseconds).
    public var window: Int64 = 30 * 86_400_000
    /// Unticketed accesses with the same action at most this far apart (milliseconds), one after
    /// the other, are one job — a sweep, one decision to skip the ticket — even across accounts.
    /// The usual inactivity timeout of web sessions (30 minutes) doubled: generous towards the
    /// employee, since fewer jobs make less evidence.
    public var sessionGap: Int64 = 3_600_000
    /// False discovery rate over all candidate brokers (adaptive Benjamini–Hochberg): the expected share
    /// of reported rings that chance explains, and, in a world without rings, the probability
    /// of reporting any. A ring is reported when its adjusted p-value is at most this.
    public var alpha: Double = 0.01
    /// Evidence kinds switched off (for ablation): they are neither computed nor counted.
    public var disabled: [RingSignal.Kind] = []
    /// Display scale: a ring's score is 1 − 10^(−evidence / scoreScale), so a score of 0.5
    /// means a corrected p-value of 10^(−0.3·scoreScale).
    public var scoreScale: Double = 10

    /// The defaults above.
    public init() {}

    /// Whether `kind` is computed (not switched off for an ablation).
    public func uses(_ kind: RingSignal.Kind) -> Bool { !disabled.contains(kind) }

    public var windowDays: Double { Double(window) / 86_400_000 }
}
