import Foundation

/// Writes CSV (RFC 4180) through a large buffer.
///
/// Every text cell is escaped: quoted when it holds a comma, quote, CR or LF (quotes
/// doubled), and — because investigators open these files in spreadsheets — a cell that
/// starts with `=`, `+`, `-`, `@`, tab or CR gets a leading `'` so it is never run as a
/// formula (OWASP "CSV injection"). Numbers written with `number` are not altered.
public final class CSVWriter {
    private let handle: FileHandle
    private let path: String
    private var buffer: [UInt8] = []
    private var atLineStart = true

    /// Creates (or truncates) `path`.
    public init(path: String) throws(BuildError) {
        guard FileManager.default.createFile(atPath: path, contents: nil),
              let handle = FileHandle(forWritingAtPath: path) else {
            throw .cannotWrite(path: path, reason: "cannot create the file")
        }
        self.handle = handle
        self.path = path
        buffer.reserveCapacity(1 << 20)
    }

    /// Writes a row of text cells.
    public func row(_ cells: [String]) throws(BuildError) {
        for cell in cells { text(cell) }
        try endRow()
    }

    /// Appends a text cell to the current row.
    public func text(_ cell: String) {
        separator()
        CSVWriter.escape(cell, into: &buffer)
    }

    /// Appends a number cell (written as is).
    public func number<N: BinaryInteger>(_ value: N) {
        separator()
        buffer.append(contentsOf: String(value).utf8)
    }

    /// Appends a floating-point cell with up to `digits` decimals, shortest form.
    public func number(_ value: Double) {
        separator()
        buffer.append(contentsOf: CSVWriter.format(value).utf8)
    }

    /// Ends the current row.
    public func endRow() throws(BuildError) {
        buffer.append(0x0A)
        atLineStart = true
        if buffer.count >= 1 << 20 { try flush() }
    }

    /// Writes what is buffered and closes the file.
    public func close() throws(BuildError) {
        try flush()
        do { try handle.close() } catch { throw .cannotWrite(path: path, reason: "\(error)") }
    }

    private func separator() {
        if !atLineStart { buffer.append(0x2C) }
        atLineStart = false
    }

    private func flush() throws(BuildError) {
        guard !buffer.isEmpty else { return }
        do { try handle.write(contentsOf: buffer) } catch { throw .cannotWrite(path: path, reason: "\(error)") }
        buffer.removeAll(keepingCapacity: true)
    }

    /// A shortest round-trip decimal for finite values; `""` for NaN or infinity.
    public static func format(_ value: Double) -> String {
        guard value.isFinite else { return "" }
        if value == value.rounded() && abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }

    /// Appends the escaped form of `cell`.
    public static func escape(_ cell: String, into out: inout [UInt8]) {
        let utf8 = cell.utf8
        var needsQuotes = false
        for b in utf8 where b == 0x2C || b == 0x22 || b == 0x0A || b == 0x0D { needsQuotes = true; break }
        let guardFormula = utf8.first.map { [0x3D, 0x2B, 0x2D, 0x40, 0x09, 0x0D].contains($0) } ?? false
        if needsQuotes { out.append(0x22) }
        if guardFormula { out.append(0x27) }
        for b in utf8 {
            if b == 0x22 { out.append(0x22) }
            out.append(b)
        }
        if needsQuotes { out.append(0x22) }
    }

    /// `cell` escaped, as a `String`.
    public static func escaped(_ cell: String) -> String {
        var out: [UInt8] = []
        escape(cell, into: &out)
        return String(decoding: out, as: UTF8.self)
    }
}
