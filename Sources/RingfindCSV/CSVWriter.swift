import Foundation
import RingfindGraph

/// Writes CSV (RFC 4180) through a large buffer.
///
/// Every text cell is escaped: quoted when it holds a comma, quote, CR or LF (quotes
/// doubled), and — because investigators open these files in spreadsheets — a cell that
/// starts with `=`, `+`, `-`, `@`, tab or CR gets a leading `'` so it is never run as a
/// formula (OWASP "CSV injection"). Numbers written with `number` are not altered.
public final class CSVWriter {
    private let handle: FileHandle
    private let path: String
    private var rows = CSVRows(capacity: 1 << 20)

    /// Creates (or truncates) `path`.
    public init(path: String) throws(CSVWriteError) {
        guard FileManager.default.createFile(atPath: path, contents: nil),
            let handle = FileHandle(forWritingAtPath: path)
        else {
            throw CSVWriteError(path: path, reason: "cannot create the file")
        }
        self.handle = handle
        self.path = path
    }

    /// Writes a row of text cells.
    public func row(_ cells: [String]) throws(CSVWriteError) {
        for cell in cells { text(cell) }
        try endRow()
    }

    /// Appends a text cell to the current row.
    public func text(_ cell: String) { rows.text(cell) }

    /// Appends a number cell (written as is).
    public func number<N: BinaryInteger>(_ value: N) { rows.number(value) }

    /// Appends a floating-point cell in `format`'s form.
    public func number(_ value: Double) { rows.number(value) }

    /// Ends the current row.
    public func endRow() throws(CSVWriteError) {
        rows.endRow()
        if rows.bytes.count >= 1 << 20 { try flush() }
    }

    /// Writes rows formatted elsewhere, after the rows written so far (the current row must be ended).
    public func write(_ formatted: CSVRows) throws(CSVWriteError) {
        try flush()
        do { try handle.write(contentsOf: formatted.bytes) } catch {
            throw CSVWriteError(path: path, reason: "\(error)")
        }
    }

    /// Writes what is buffered and closes the file.
    public func close() throws(CSVWriteError) {
        try flush()
        do { try handle.close() } catch { throw CSVWriteError(path: path, reason: "\(error)") }
    }

    private func flush() throws(CSVWriteError) {
        guard !rows.bytes.isEmpty else { return }
        do { try handle.write(contentsOf: rows.bytes) } catch { throw CSVWriteError(path: path, reason: "\(error)") }
        rows.removeAll()
    }

    /// A floating-point cell: `NumberText.shortest` for finite values; `""` for NaN or infinity.
    public static func format(_ value: Double) -> String {
        guard value.isFinite else { return "" }
        return NumberText.shortest(value)
    }

    /// Appends the escaped form of `cell`: the one CSV escaping function of ringfind (reports,
    /// generated worlds and `query --format csv` all use it).
    public static func escape(_ cell: String, into out: inout [UInt8]) {
        let utf8 = cell.utf8
        var needsQuotes = false
        for b in utf8 where b == 0x2C || b == 0x22 || b == 0x0A || b == 0x0D {
            needsQuotes = true
            break
        }
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
