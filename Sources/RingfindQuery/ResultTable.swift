import Foundation
import RingfindCSV
import RingfindGraph

/// A command's result: named columns and rows of text, printed as an aligned table, CSV or JSON.
public struct ResultTable: Sendable {
    public var title: String?
    public var columns: [String]
    public var rows: [[String]]
    /// What the result may not show (printed after a table; for CSV and JSON, which must stay
    /// machine-readable, the session prints it to standard error).
    public var note: String?

    public init(title: String? = nil, columns: [String], rows: [[String]], note: String? = nil) {
        self.title = title
        self.columns = columns
        self.rows = rows
        self.note = note
    }

    /// How results are printed.
    public enum Format: String, CaseIterable, Sendable {
        case table, csv, json
    }

    /// The table as text. Table cells are always made terminal-safe (`TextSafety.terminal`).
    /// JSON escapes every hidden character (`\u001b`, `\u202e`: lossless, so always).
    /// CSV keeps the values exact for a file or a pipe, and when `terminal` is true (standard
    /// output is a terminal) shows hidden characters as visible escapes instead; cells that
    /// start like a formula get a leading `'` either way.
    public func render(_ format: Format, terminal: Bool = false) -> String {
        switch format {
        case .table:
            let safeRows = rows.map { $0.map { TextSafety.terminal($0, limit: 120) } }
            let safeColumns = columns.map { TextSafety.terminal($0, limit: 120) }
            var widths = safeColumns.map(\.count)
            for row in safeRows {
                for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], cell.count) }
            }
            func line(_ cells: [String]) -> String {
                cells.enumerated().map { i, c in
                    i == cells.count - 1 ? c : c.padding(toLength: widths[i], withPad: " ", startingAt: 0)
                }
                .joined(separator: "  ")
            }
            var out = title.map { TextSafety.terminal($0, limit: 200) + "\n" } ?? ""
            out += line(safeColumns) + "\n" + line(widths.map { String(repeating: "-", count: $0) }) + "\n"
            for row in safeRows { out += line(row) + "\n" }
            out += "(\(rows.count) row\(rows.count == 1 ? "" : "s"))\n"
            return out + (note.map { "note: " + TextSafety.terminal($0, limit: 400) + "\n" } ?? "")
        case .csv:
            func cell(_ text: String) -> String {
                CSVWriter.escaped(terminal ? TextSafety.terminal(text, limit: 100_000) : text)
            }
            return ([columns] + rows).map { $0.map(cell).joined(separator: ",") }.joined(separator: "\n") + "\n"
        case .json:
            let objects = rows.map { row in
                "{"
                    + columns.enumerated().map { i, c in "\(jsonString(c)): \(jsonString(i < row.count ? row[i] : ""))"
                    }.joined(separator: ", ") + "}"
            }
            return "[" + objects.joined(separator: ",\n ") + "]\n"
        }
    }

    private func jsonString(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if TextSafety.isHidden(scalar) || (0x2028...0x2029).contains(scalar.value) {
                    out += String(format: "\\u%04x", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
