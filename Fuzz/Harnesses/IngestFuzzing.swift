#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import RingfindGraph
@testable import RingfindIngest

/// The reader harnesses (`csv`, `jsonl`): the first input byte chooses the kind of file and a
/// small read size, the rest is the file. The file is ingested twice, in the production
/// read size (4 MiB) and in the small one, and both runs must agree exactly and keep every
/// invariant of the input contract.
///
/// First byte `b`: kind = `[entities, communications, payments, access][b & 3]`, small read
/// size = `smallChunkSizes[(b >> 2) & 7]` (so `'@'` is entities read 1 byte at a time, `'B'`
/// payments, `'A'` communications, `'C'` access; `Fuzz/make_seeds.py` writes seeds this way).
enum IngestFuzzing {
    static let kinds: [InputKind] = [.entities, .communications, .payments, .access]
    static let smallChunkSizes = [1, 2, 3, 4, 7, 16, 64, 1000]

    static func run(_ input: UnsafeRawBufferPointer, format: InputFormat) {
        guard let control = input.first else { return }
        let kind = kinds[Int(control & 3)]
        let smallChunk = smallChunkSizes[Int(control >> 2) & 7]
        let file = Array(input.dropFirst())
        let path = FuzzFolder.store(file, name: "\(kind.rawValue).\(format.rawValue)")
        let input = InputFile(path: path, kind: kind, format: format)

        let large = IngestResult(input, chunkSize: 1 << 22)
        large.checkInvariants(file: file, format: format)
        let small = IngestResult(input, chunkSize: smallChunk)
        let (a, b) = (large.transcript, small.transcript)
        require(a == b, "reading \(smallChunk) bytes at a time differs from reading 4 MiB at a time:\n"
                + firstDifference(a, b))
    }

    static func firstDifference(_ a: [String], _ b: [String]) -> String {
        for i in 0..<max(a.count, b.count) where i >= a.count || i >= b.count || a[i] != b[i] {
            return "  4 MiB: \(i < a.count ? a[i] : "(end)")\n  small: \(i < b.count ? b[i] : "(end)")"
        }
        return ""
    }
}

/// One folder per fuzzing process for the file under test, removed at exit.
enum FuzzFolder {
    static let path: String = {
        let base = getenv("TMPDIR").map { String(cString: $0) } ?? "/tmp"
        var template = Array("\(base)/ringfind-fuzz-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { fatalError("cannot create a temporary folder in \(base)") }
        atexit { FuzzFolder.removeAll() }
        return String(cString: made)
    }()
    nonisolated(unsafe) static var written: Set<String> = []

    /// Writes `bytes` to `name` in the folder (replacing it) and returns its path.
    static func store(_ bytes: [UInt8], name: String) -> String {
        let file = path + "/" + name
        written.insert(file)
        let fd = open(file, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        require(fd >= 0, "cannot write \(file)")
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + offset, bytes.count - offset) }
            require(n > 0, "cannot write \(file)")
            offset += n
        }
        close(fd)
        return file
    }

    static func removeAll() {
        for file in written { unlink(file) }
        rmdir(path)
    }
}

/// Everything one ingest of one file produced.
struct IngestResult {
    var error: IngestError?
    var report: FileReport?
    var rejections: [RowRejection] = []
    var entities = EntityTable()
    var events = EventStore()
    let kind: InputKind

    init(_ input: InputFile, chunkSize: Int) {
        kind = input.kind
        final class Box { var rejections: [RowRejection] = [] }
        let box = Box()
        var ingestor = Ingestor(policy: RejectPolicy(strict: false, limit: .count(.max))) {
            (rejection: RowRejection) throws(IngestError) in box.rejections.append(rejection)
        }
        do {
            report = try ingestor.ingest(input, chunkSize: chunkSize)
        } catch {
            self.error = error
        }
        (entities, events) = ingestor.finish()
        rejections = box.rejections
    }

    var log: EventLog {
        switch kind {
        case .entities, .communications, .aliases, .resources, .totals: events.communications
        case .payments: events.payments
        case .access: events.access
        }
    }

    /// A complete, comparable account of the result (for the read-size differential).
    var transcript: [String] {
        if let error { return ["error: \(error)"] }
        guard var report else { return ["no report"] }
        report.path = ""
        let reasons = report.rejectsByReason.sorted { $0.key < $1.key }
        report.rejectsByReason = [:]
        var lines = ["report: \(report) \(reasons)"]
        lines += rejections.map { "rejected \($0.line):\($0.column) \($0.reason.code) \($0.reason) row=\($0.row.debugDescription)" }
        lines += (0..<entities.count).map { e in
            let entity = Int32(e)
            let attributes = entities.attributeNames.indices.map { entities.attribute($0, of: entity) }
            return "entity \(entities.id(entity).debugDescription) \(entities.kinds[e]) \(entities.names[e].debugDescription) "
                + "\(entities.groups[e].debugDescription) \(entities.declaredAt[e]) \(attributes)"
        }
        let log = self.log
        lines += (0..<log.rowCount).map { r in
            var line = "event \(log.source[r]) \(log.target[r]) \(log.time[r]) \(log.count[r]) \(log.label[r]) \(log.line[r])"
            if kind == .payments { line += " \(log.amount[r])" }
            if kind == .access { line += " \(log.resource[r]) \(log.ticket[r].debugDescription)" }
            return line
        }
        lines += (0..<events.labels.count).map { "label \(events.labels.string(Int32($0)).debugDescription)" }
        lines += (0..<events.resources.count).map { "resource \(events.resources.string(Int32($0)).debugDescription)" }
        return lines
    }

    /// The input contract: a file is read whole or refused with a file-level error; every row
    /// is accepted or rejected with a line, a column and a reason; accepted values are valid.
    func checkInvariants(file: [UInt8], format: InputFormat) {
        if let error {
            switch error {
            case .emptyFile, .malformedHeader, .missingColumns, .conflictingColumns:
                require(format == .csv || { if case .emptyFile = error { true } else { false } }(),
                        "a JSON Lines file has no header, but: \(error)")
            case .binaryFile(_, let offset):
                require(offset < file.count && file[offset] == 0, "binary file without a NUL at offset \(offset)")
            default:
                require(false, "unexpected file-level error: \(error)")
            }
            return
        }
        guard let report else { return require(false, "neither a report nor an error") }
        require(report.rowsRead == report.rowsAccepted + report.rowsRejected,
                "rows read \(report.rowsRead) != accepted \(report.rowsAccepted) + rejected \(report.rowsRejected)")
        require(rejections.count == report.rowsRejected, "\(rejections.count) rejections reported as \(report.rowsRejected)")
        var byReason: [String: Int] = [:]
        for r in rejections { byReason[r.reason.code, default: 0] += 1 }
        require(byReason == report.rejectsByReason, "rejects by reason \(report.rejectsByReason), counted \(byReason)")
        require(report.bytes == file.count, "read \(report.bytes) of \(file.count) bytes")
        require(report.sha256 == Self.expectedDigest(file), "the file hash does not cover every byte once, in order")

        // Where rows are: every line number is a real line, rows start on distinct lines.
        let lineEnds = file.reduce(0) { $0 + ($1 == 0x0A || $1 == 0x0D ? 1 : 0) }
        let firstRowLine = format == .csv ? 2 : 1
        var previous = 0
        for r in rejections {
            require(r.line >= firstRowLine && r.line <= lineEnds + 1, "rejection at line \(r.line) of a file with \(lineEnds + 1) lines: \(r)")
            require(r.line > previous, "rejections out of order or sharing a line: \(previous) then \(r.line)")
            require(r.column >= 1, "rejection at column \(r.column): \(r)")
            require(!r.reason.code.isEmpty && !r.reason.description.isEmpty, "rejection without a reason")
            previous = r.line
        }
        let rejectedLines = Set(rejections.map(\.line))
        let log = self.log
        if kind == .entities {
            require(entities.count == report.rowsAccepted, "\(report.rowsAccepted) entity rows accepted, \(entities.count) entities")
            for e in 0..<entities.count {
                require(!rejectedLines.contains(Int(entities.declaredAt[e])), "entity declared on a rejected line")
                checkID(entities.id(Int32(e)))
            }
        } else {
            require(log.rowCount == report.rowsAccepted, "\(report.rowsAccepted) rows accepted, \(log.rowCount) events stored")
            var previousLine: UInt32 = 0
            for r in 0..<log.rowCount {
                require(log.line[r] > previousLine && !rejectedLines.contains(Int(log.line[r])), "event line \(log.line[r]) repeated or rejected")
                previousLine = log.line[r]
                require(log.count[r] >= 1, "event count \(log.count[r])")
                let time = log.time[r]
                require(time == Timestamp.missing || (time >= TimestampParser.earliest && time < TimestampParser.latest), "event time \(time)")
                if kind == .payments {
                    let amount = log.amount[r]
                    require(amount.isFinite && amount >= 0 && amount <= NumberParser.maximumAmount, "payment amount \(amount)")
                }
            }
            for e in 0..<entities.count { checkID(entities.id(Int32(e))) }
        }

        // JSON Lines: every line is a row or a blank line.
        if format == .jsonLines {
            let lines = Self.lines(of: file)
            require(report.rowsRead + report.blankLines == lines.count,
                    "\(lines.count) lines, but \(report.rowsRead) rows + \(report.blankLines) blank lines")
            JSONOracle.check(lines: lines, rejections: rejections)
        } else {
            require(report.rowsRead + report.blankLines + 1 <= lineEnds + 1, "more rows than lines")
            CSVOracle.check(file: file, result: self)
        }
    }

    /// An accepted identifier is trimmed and visible.
    private func checkID(_ id: String) {
        require(!id.isEmpty, "an empty entity id")
        require(id.first != " " && id.first != "\t" && id.last != " " && id.last != "\t", "an untrimmed entity id \(id.debugDescription)")
        require(!id.unicodeScalars.allSatisfy(TextSafety.isInvisible), "an invisible entity id \(id.debugDescription)")
    }

    /// What the stand-in hasher (`Fuzz/Support/Crypto.swift`) gives for `file`.
    static func expectedDigest(_ file: [UInt8]) -> String {
        var hasher = SHA256Stand()
        hasher.update(file)
        return hasher.hex
    }

    /// The lines of a JSON Lines file as the contract defines them: after an optional BOM,
    /// the line end is LF, or CR when the first line end is a CR not followed by LF; a CR
    /// before the LF is not part of the line; a last line without a line end counts when it
    /// is not empty.
    static func lines(of file: [UInt8]) -> [ArraySlice<UInt8>] {
        var start = 0
        if file.count >= 3 && file[0] == 0xEF && file[1] == 0xBB && file[2] == 0xBF { start = 3 }
        var newline: UInt8 = 0x0A
        if let first = file[start...].firstIndex(where: { $0 == 0x0A || $0 == 0x0D }), file[first] == 0x0D,
           first + 1 == file.count || file[first + 1] != 0x0A {
            newline = 0x0D
        }
        var lines: [ArraySlice<UInt8>] = []
        var p = start
        while p < file.count {
            let end = file[p...].firstIndex(of: newline) ?? file.count
            var line = file[p..<end]
            if newline == 0x0A && line.last == 0x0D { line = line.dropLast() }
            lines.append(line)
            p = end + 1
        }
        return lines
    }
}

/// The same computation as the stand-in `SHA256`, written out independently.
struct SHA256Stand {
    var fnv: UInt64 = 0xcbf2_9ce4_8422_2325
    var count: UInt64 = 0
    mutating func update(_ bytes: [UInt8]) {
        for byte in bytes { fnv = (fnv ^ UInt64(byte)) &* 0x100_0000_01b3 }
        count += UInt64(bytes.count)
    }
    var hex: String {
        let digits = Array("0123456789abcdef")
        var text = ""
        for word in [fnv, count] {
            for shift in stride(from: 60, through: 0, by: -4) { text.append(digits[Int((word >> UInt64(shift)) & 15)]) }
        }
        return text + String(repeating: "0", count: 32)
    }
}
