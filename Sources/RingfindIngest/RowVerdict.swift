/// What became of one row.
enum RowVerdict {
    case accepted
    case rejected(RejectReason, Int)
    /// A log row dated outside `--since/--until`: counted, not stored.
    case outsideWindow
}
