/// How brokers pay their insiders (`ringfind generate --style`).
public enum RingStyle: String, CaseIterable, Sendable {
    /// The original world, byte for byte: per-job bribes (off-book for some rings under heavy
    /// camouflage), country groups, no decoys.
    case classic
    /// A client pays the broker, the broker (or its mule) pays an insider within days, the
    /// insider does the job within days.
    case timed
    /// The broker (or its mule) pays each insider the same sum about monthly, whatever the jobs.
    case retainer
    /// No payment from the broker's side ever reaches an insider: only sustained two-way
    /// messages, and a call after each client's payment.
    case offbook
    /// Each ring draws one of timed, retainer and off-book.
    case mixed

    /// Whether this style draws the marketplace world (everything but `.classic`).
    public var isMarketplace: Bool { self != .classic }
}

/// How one ring of the marketplace pays its insiders.
enum PaymentStyle: String, CaseIterable, Sendable {
    case timed, retainer, offbook
}

/// Ring behaviours of the marketplace styles, each on by default (`--without` leaves some out).
public enum RingBehaviour: String, CaseIterable, Sendable {
    /// Jobs on a rival of the client: another vendor of the client's market (`group`), with
    /// actions like view_sales_metrics or view_buyer_contact.
    case rival
    /// Bulk jobs: an export naming no vendor, or a sweep over many vendors of the client's market.
    case bulk
    /// About a quarter of brokers switch to a second account part-way; a few clients keep paying
    /// the old one.
    case secondAccount = "second-account"
    /// Recruited idle insiders: little legitimate work, one or two jobs, sustained contact.
    case idleInsider = "idle-insider"
    /// Busy insiders whose ring work is under 1 % of a large legitimate workload.
    case busyInsider = "busy-insider"
    /// About a third of clients pay once, for one job.
    case payOnce = "pay-once"
    /// About a third of rings (after the first) share a client vendor with an earlier ring.
    case sharedVendor = "shared-vendor"
}
