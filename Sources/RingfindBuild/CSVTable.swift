import Foundation

/// Reads back a CSV file that ringfind wrote (RFC 4180), whole, as rows of text cells keyed by
/// the header. Undoes the spreadsheet-formula guard (`'=` → `=`) that `CSVWriter` adds.
/// For the truth file of `ringfind eval` (which `generate` writes), not for investigation inputs.
public struct CSVTable: Sendable {
    public let header: [String]
    public let rows: [[String]]

    public init(path: String) throws(BuildError) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .cannotRead(path: path, reason: "the file does not exist or cannot be read")
        }
        let all = CSVTable.parse(String(decoding: data, as: UTF8.self))
        guard let first = all.first else { throw .cannotRead(path: path, reason: "the file is empty") }
        header = first
        rows = Array(all.dropFirst())
    }

    /// The index of `column`, or an error naming the file.
    public func column(_ name: String, in path: String) throws(BuildError) -> Int {
        guard let index = header.firstIndex(of: name) else {
            throw .cannotRead(path: path, reason: "no column '\(name)' (is it a ringfind output of this version?)")
        }
        return index
    }

    static func parse(_ text: String) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var cell = ""
        var quoted = false, inQuotes = false
        var chars = Array(text.unicodeScalars)[...]
        func endCell() {
            if !quoted, let first = cell.unicodeScalars.first, first == "'",
                let second = cell.unicodeScalars.dropFirst().first, "=+-@\t\r".unicodeScalars.contains(second)
            {
                cell.removeFirst()
            } else if quoted, cell.hasPrefix("'"), let second = cell.unicodeScalars.dropFirst().first,
                "=+-@\t\r".unicodeScalars.contains(second)
            {
                cell.removeFirst()
            }
            row.append(cell)
            cell = ""
            quoted = false
        }
        while let c = chars.popFirst() {
            if inQuotes {
                if c == "\"" {
                    if chars.first == "\"" {
                        cell.unicodeScalars.append("\"")
                        chars.removeFirst()
                    } else {
                        inQuotes = false
                    }
                } else {
                    cell.unicodeScalars.append(c)
                }
            } else if c == "\"" {
                inQuotes = true
                quoted = true
            } else if c == "," {
                endCell()
            } else if c == "\n" {
                endCell()
                rows.append(row)
                row = []
            } else if c != "\r" {
                cell.unicodeScalars.append(c)
            }
        }
        if !cell.isEmpty || !row.isEmpty {
            endCell()
            rows.append(row)
        }
        return rows
    }
}
