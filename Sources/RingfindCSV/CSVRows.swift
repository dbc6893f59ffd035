/// CSV rows formatted into memory, with `CSVWriter`'s cell rules (the writer keeps one and
/// flushes it). Blocks of a large report can be formatted side by side, each into its own
/// `CSVRows`, and written in order with `CSVWriter.write(_:)`: the bytes are the same as
/// when the rows are written one by one.
public struct CSVRows: Sendable {
    /// The formatted rows, each ended by LF.
    public private(set) var bytes: [UInt8] = []
    private var atLineStart = true

    public init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    /// Appends a text cell to the current row (escaped as `CSVWriter.escape` does).
    public mutating func text(_ cell: String) {
        separator()
        CSVWriter.escape(cell, into: &bytes)
    }

    /// Appends a number cell (written as is).
    public mutating func number<N: BinaryInteger>(_ value: N) {
        separator()
        bytes.append(contentsOf: String(value).utf8)
    }

    /// Appends a floating-point cell in `CSVWriter.format`'s form.
    public mutating func number(_ value: Double) {
        separator()
        bytes.append(contentsOf: CSVWriter.format(value).utf8)
    }

    /// Ends the current row.
    public mutating func endRow() {
        bytes.append(0x0A)
        atLineStart = true
    }

    /// Forgets the rows, keeping the memory.
    mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
        atLineStart = true
    }

    private mutating func separator() {
        if !atLineStart { bytes.append(0x2C) }
        atLineStart = false
    }
}
