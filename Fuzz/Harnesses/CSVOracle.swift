import RingfindGraph
@testable import RingfindIngest

/// A second opinion on CSV files without quotes, carriage returns or NULs, in valid UTF-8:
/// there every line is a row (an empty line a blank one) and fields are split at commas. Each
/// row with as many fields as the header must get past the reader (any rejection is about its
/// values), each other row must be rejected for its field count, and each accepted row must
/// name the entity its first id column holds.
enum CSVOracle {
    static func check(file: [UInt8], result: IngestResult) {
        guard let report = result.report, !file.contains(0x22), !file.contains(0x0D), !file.contains(0), isValidUTF8(file) else { return }
        var body = file[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        var lines = body.split(separator: 0x0A, omittingEmptySubsequences: false).map { Array($0) }
        if lines.last?.isEmpty == true { lines.removeLast() }
        guard let headerIndex = lines.firstIndex(where: { !$0.isEmpty }) else { return }
        let header = lines[headerIndex].split(separator: 0x2C, omittingEmptySubsequences: false)
        require(report.rowsRead + report.blankLines == lines.count - 1,
                "\(lines.count) lines and a header, but \(report.rowsRead) rows + \(report.blankLines) blank lines")

        // The column of the id that names each accepted row's entity.
        let idField: InputField
        switch result.kind {
        case .entities: idField = .id
        case .communications, .payments: idField = .from
        case .access: idField = .employee
        case .aliases, .resources, .totals: return  // mapping and totals files: not what this oracle checks
        }
        let names = header.map { String(decoding: $0, as: UTF8.self).trimmingCharacters(in: " \t") }
        guard let idColumn = names.firstIndex(where: { InputField.field(named: $0, in: result.kind) == idField }) else { return }

        var rejection: [Int: RejectReason] = [:]
        for r in result.rejections { rejection[r.line] = r.reason }
        var idAtLine: [Int: String] = [:]
        for index in lines.indices where index > headerIndex && !lines[index].isEmpty {
            let line = index + 1
            let fields = lines[index].split(separator: 0x2C, omittingEmptySubsequences: false)
            if fields.count != header.count {
                require(rejection[line] == .wrongFieldCount(expected: header.count, found: fields.count),
                        "line \(line) has \(fields.count) fields, the header \(header.count); rejected as \(String(describing: rejection[line]))")
                continue
            }
            switch rejection[line] {
            case .wrongFieldCount?, .unterminatedQuote?, .textAfterClosingQuote?, .invalidUTF8?:
                require(false, "line \(line) is well formed, rejected as \(rejection[line]!)")
            default: break
            }
            idAtLine[line] = String(decoding: trimmed(Array(fields[idColumn])), as: UTF8.self)
        }
        if result.kind == .entities {
            for e in 0..<result.entities.count {
                let line = Int(result.entities.declaredAt[e])
                require(idAtLine[line] == result.entities.id(Int32(e)), "entity \(result.entities.id(Int32(e)).debugDescription) from line \(line), which holds \(idAtLine[line].debugDescription)")
            }
        } else {
            let log = result.log
            for r in 0..<log.rowCount {
                let line = Int(log.line[r]), id = result.entities.id(log.source[r])
                require(idAtLine[line] == id, "event from \(id.debugDescription) on line \(line), which holds \(idAtLine[line].debugDescription)")
            }
        }
    }
}
