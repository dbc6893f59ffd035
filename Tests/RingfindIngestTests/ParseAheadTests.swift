import Foundation
import RingfindGraph
import TestSupport
import Testing

@testable import RingfindIngest

/// Logs parsed on a second thread ahead of storing (`ParseAhead`) give exactly what reading
/// one row at a time gives: the same ids in the same order, the same rows accepted, the same
/// rejections in the same order, the same stop under `--strict` and `--max-rejects`.
@Suite struct ParseAheadTests {
    /// One file of each log kind, with rows that straddle read boundaries (quoted fields
    /// with commas, quotes and newlines), blank lines, aliases, resources, and a row for
    /// most reasons a log row can be rejected for.
    static let messyFiles: [String: String] = [
        "aliases.csv": "alias,id\nE1-old,E1\nV1-old,V1\n",
        "resources.csv": "resource,vendor\nres/7,V7\nshop/*,V8\n",
        "entities.csv": "id,kind,name\nE1,employee,Ann\nV1,vendor,Acme\n",
        "communications.csv": #"""
        from,to,timestamp,channel,count,origin
        E1,V1,2025-01-02T03:04:05Z,email,,mail-1
        "X,1","Y ""2""",2025-01-03,chat,2,
        E1-old,V1-old,2025-01-04,"multi
        line",1,o-3

        ,V1,2025-01-05,email,,
        E1,\#u{00A0},2025-01-05,email,,
        E1,V1,not-a-date,email,,
        E1,V1,2025-01-06,email,zero,
        E1,V1,2025-01-06
        "unterminated,V1,2025-01-07,email,,
        Z9,E1,2025-02-01,,,

        """#,
        "payments.jsonl": #"""
        {"from":"V1","to":"X,1","amount":"12.50","timestamp":"2025-01-08","currency":"EUR"}
        {"from":"V1-old","to":"E1","amount":3,"timestamp":"2025-01-09","origin":"bank-9"}
        {"from":"V1","to":"E1","amount":"-4","timestamp":"2025-01-09"}
        {"from":"V1","to":"E1","amount":"1e300","timestamp":"2025-01-09"}
        {"from":"V1","to":"E1","timestamp":"2025-01-09"}
        {"from":"V1","to":"E1","amount":"7",
        not json
        {"from":"Q\u00e9","to":"E1","amount":"7","timestamp":"2025-03-01","count":4}
        """#,
        "access.csv": #"""
        employee,action,vendor,resource,timestamp,ticket,origin
        E1,view,V1,,2025-01-10,T-1,
        E1-old,edit,,res/7,2025-01-11,,door-2
        E2,view,,shop/42,2025-01-12,T-2,
        E2,view,,other/1,2025-01-12,,
        E3,,V1,,2025-01-12,,
        E3,view,,,2025-01-12,,
        \#u{200B},view,V1,,2025-01-12,,
        E3,view,V1-old,,2025-01-13,"T-3, urgent",

        """#,
    ]

    /// Everything a run produced, in a form that compares (file paths without the run's
    /// temporary folder).
    struct Outcome: Equatable {
        var ids: [String] = []
        var kinds: [EntityKind] = []
        /// Names, groups, declaring lines and attributes, entity by entity.
        var declared: [String] = []
        var logs: [[String]] = []
        var reports: [FileReport] = []
        var rejections: [String] = []
        var mapping = MappingReport()

        static func local(_ text: String, _ folder: String) -> String {
            text.replacingOccurrences(of: folder, with: "")
        }

        init(_ run: IngestRun) {
            let folder =
                run.reports.first.flatMap { report in report.path.lastIndex(of: "/").map { String(report.path[...$0]) }
                } ?? "/"
            func local(_ text: String) -> String { Outcome.local(text, folder) }
            ids = (0..<run.entities.count).map { run.entities.id(Int32($0)) }
            kinds = run.entities.kinds
            let table = run.entities
            declared = (0..<table.count).map { e in
                let attributes = table.attributeNames.indices.map {
                    "\(table.attributeNames[$0])=\(table.attribute($0, of: Int32(e)))"
                }
                return ([table.names[e], table.groups[e], "\(table.declaredAt[e])"] + attributes).joined(separator: "|")
            }
            for type in [EdgeType.communication, .payment, .access] {
                let log = run.events[type]
                logs.append(
                    (0..<log.rowCount).map { r in
                        let columns: [Any] = [
                            log.source[r], log.target[r], log.time[r], log.count[r], log.label[r], log.file[r],
                            log.line[r],
                            type == .payment ? log.amount[r] : 0, type == .access ? log.resource[r] : 0,
                            type == .access ? log.ticket[r] : "", run.events.origin(of: r, in: type),
                        ]
                        return local(columns.map { "\($0)" }.joined(separator: "|"))
                    })
                logs.append(
                    (0..<log.aliasUses.count).map {
                        "\(log.aliasUses.row[$0]) \(log.aliasUses.side[$0]) \(log.aliasUses.alias[$0])"
                    })
            }
            logs.append((0..<run.events.labels.count).map { run.events.labels.string(Int32($0)) })
            logs.append((0..<run.events.resources.count).map { run.events.resources.string(Int32($0)) })
            reports = run.reports.map { report in
                var local = report
                local.path = Outcome.local(report.path, folder)
                return local
            }
            rejections = run.rejections.map {
                local("\($0.file):\($0.line):\($0.column) \($0.reason.code) \($0.reason) [\($0.row)]")
            }
            mapping = run.mapping
        }
    }

    /// An error's message without the test's temporary folder.
    static func message(_ error: IngestError) -> String {
        "\(error)".replacingOccurrences(
            of: #"[^ '"]*ringfind-test-[0-9A-F-]+/+"#, with: "", options: .regularExpression)
    }

    /// Parsing on a second thread, `rowsPerChunk` rows at a time, `chunksInFlight` chunks.
    static func ahead(_ rowsPerChunk: Int, _ chunksInFlight: Int = 3) -> ParseAhead {
        ParseAhead(onSecondThread: true, rowsPerChunk: rowsPerChunk, chunksInFlight: chunksInFlight)
    }

    @Test func theMessyFilesAreReadAsExpected() throws {
        let run = try IngestRun.of(Self.messyFiles, parseAhead: .serial)
        #expect(run.reports.map(\.rowsAccepted) == [2, 2, 2, 4, 3, 5])
        #expect(run.rejections.map(\.reason.code).count == 14)
        #expect(run.pairs(.access).last == ["E3", "V1"])
        #expect(run.events.access.ticket[4] == "T-3, urgent")
    }

    @Test(arguments: [1, 2, 3, 5, 1 << 22], [1, 2, 3, 1000])
    func parsingAheadGivesWhatSerialReadingGives(chunkSize: Int, rowsPerChunk: Int) throws {
        try Self.expectParsingAheadGivesSerialReading(Self.messyFiles, chunkSize: chunkSize, rowsPerChunk: rowsPerChunk)
    }

    /// Reading `files` `chunkSize` bytes and `rowsPerChunk` rows at a time on a second thread gives
    /// what one thread reading row by row gives.
    static func expectParsingAheadGivesSerialReading(_ files: [String: String], chunkSize: Int, rowsPerChunk: Int)
        throws
    {
        let serial = try IngestRun.of(files, parseAhead: .serial)
        let ahead = try IngestRun.of(
            files, chunkSize: chunkSize, parseAhead: Self.ahead(rowsPerChunk, rowsPerChunk % 2 + 2))
        #expect(Outcome(ahead) == Outcome(serial))
    }

    @Test(arguments: [1, 7, 8192])
    func serialReadingInChunksGivesWhatItGivesInOneChunk(rowsPerChunk: Int) throws {
        let whole = try IngestRun.of(
            Self.messyFiles, parseAhead: ParseAhead(onSecondThread: false, rowsPerChunk: 1 << 20, chunksInFlight: 1))
        let chunked = try IngestRun.of(
            Self.messyFiles, chunkSize: 3,
            parseAhead: ParseAhead(onSecondThread: false, rowsPerChunk: rowsPerChunk, chunksInFlight: 1))
        #expect(Outcome(chunked) == Outcome(whole))
    }

    /// Thousands of rows, a fault every 97th, ids reused so that most are found, not added.
    static func manyRows(_ count: Int) -> String {
        var text = "from,to,timestamp,channel\n"
        for i in 0..<count {
            if i % 97 == 13 {
                text += "E\(i % 50),,2025-01-01,email\n"
                continue
            }
            if i % 97 == 41 {
                text += "E\(i % 50),V\(i % 31),2025-13-01,email\n"
                continue
            }
            text +=
                "E\(i * 7 % 500),\"V\(i % 311)\",2025-01-\(10 + i % 19)T10:00:00Z,\(i % 3 == 0 ? "chat" : "email")\n"
        }
        return text
    }

    @Test(arguments: [1, 64, 4096])
    func manyChunksKeepIdsAndRejectionsInInputOrder(rowsPerChunk: Int) throws {
        let files = ["communications.csv": Self.manyRows(5000)]
        let serial = try IngestRun.of(files, parseAhead: .serial)
        let ahead = try IngestRun.of(files, chunkSize: 100, parseAhead: Self.ahead(rowsPerChunk, 2))
        #expect(Outcome(ahead) == Outcome(serial))
        let lines = ahead.rejections.map(\.line)
        #expect(lines == lines.sorted() && lines.count == 2 * 52)
    }

    @Test(arguments: [1, 2, 3, 1000])
    func strictStopsAtTheSameRowWithTheSameError(rowsPerChunk: Int) {
        let strict = RejectPolicy(strict: true, limit: .count(0))
        func failure(_ parseAhead: ParseAhead) -> String {
            do {
                _ = try IngestRun.of(Self.messyFiles, policy: strict, chunkSize: 2, parseAhead: parseAhead)
                return "no error"
            } catch {
                if case .strictRejection(let rejection) = error {
                    #expect(rejection.line == 7 && rejection.file.hasSuffix("communications.csv"))
                }
                return Self.message(error)
            }
        }
        #expect(failure(Self.ahead(rowsPerChunk)) == failure(.serial))
    }

    @Test(arguments: [1, 3, 1000])
    func maxRejectsStopsAfterTheSameFileWithTheSameCounts(rowsPerChunk: Int) {
        let policy = RejectPolicy(strict: false, limit: .count(5))
        func failure(_ parseAhead: ParseAhead) -> String {
            do {
                _ = try IngestRun.of(Self.messyFiles, policy: policy, parseAhead: parseAhead)
                return "no error"
            } catch {
                return Self.message(error)
            }
        }
        let serial = failure(.serial)
        #expect(serial.hasPrefix("communications.csv") && serial.contains("6 of 10 rows rejected"))
        #expect(failure(Self.ahead(rowsPerChunk)) == serial)
    }

    /// The callback that writes `rejected.csv` may fail; the build stops there, with the
    /// rows before it reported, and the parsing thread is stopped (the test would hang).
    @Test(arguments: [1, 2, 1000])
    func aFailingRejectCallbackStopsAtTheSameRow(rowsPerChunk: Int) {
        func failure(_ parseAhead: ParseAhead) -> (String, Int) {
            final class Count: @unchecked Sendable { var seen = 0 }
            let count = Count()
            let folder = TemporaryFolder()
            for (name, contents) in Self.messyFiles { folder.write(name, contents) }
            do {
                _ = try IngestRun.of(folder: folder.path, chunkSize: 4, parseAhead: parseAhead) {
                    (rejection: RowRejection) throws(IngestError) in
                    count.seen += 1
                    if count.seen == 3 {
                        throw .unreadableFile(file: rejection.file, reason: "disk full at line \(rejection.line)")
                    }
                }
                return ("no error", count.seen)
            } catch {
                return (Self.message(error), count.seen)
            }
        }
        let serial = failure(.serial)
        #expect(serial.0.contains("disk full at line 9"))
        let ahead = failure(Self.ahead(rowsPerChunk))
        #expect(ahead.0 == serial.0 && ahead.1 == serial.1)
    }

    /// Entities files without aliases are parsed on a second thread too (`Ingestor+Entities.swift`):
    /// rows straddling read boundaries, blank lines, every reason an entity row is rejected for —
    /// duplicates within the file and across the CSV and JSON Lines files among them — and extra
    /// columns kept as attributes.
    static let messyEntities: [String: String] = [
        "entities.csv": #"""
        id,kind,name,group,tier
        E1,employee,Ann,DE,gold
        V1,Vendor,"Acme, ""the"" shop",FR,
        "X
        1",external,,,silver

        ,vendor,Nobody,,
        \#u{00A0},vendor,Blank,,
        V2,wizard,Merlin,,
        E1,vendor,Again,,
        V3,vendor,Short
        "unterminated,vendor,,,
        E2, employee ,Bob, UK ,bronze

        """#,
        "entities.jsonl": #"""
        {"id":"V4","kind":"vendor","name":"Four","tier":"gold","region":"north"}
        {"id":"E2","kind":"employee","name":"Bob again"}
        {"id":"V5","kind":"dragon"}
        not json
        {"id":"Q\u00e9","name":"Queue"}
        """#,
        "communications.csv": "from,to,timestamp\nE1,V1,2025-01-02\nE2,V4,2025-01-03\nZ9,V5,2025-01-04\n",
    ]

    @Test func theMessyEntitiesAreReadAsExpected() throws {
        let run = try IngestRun.of(Self.messyEntities, parseAhead: .serial)
        #expect(run.reports.map(\.rowsAccepted) == [4, 2, 3])
        #expect(
            run.rejections.map(\.reason.code) == [
                "missing_value", "invisible_id", "unknown_kind", "duplicate_entity", "wrong_field_count",
                "unterminated_quote", "duplicate_entity", "unknown_kind", "invalid_json",
            ])
        #expect(run.entities.names[Int(try #require(run.entities.entity(forID: "V1")))] == "Acme, \"the\" shop")
    }

    @Test(arguments: [1, 2, 3, 5, 1 << 22], [1, 2, 3, 1000])
    func entitiesParsedAheadGiveWhatSerialReadingGives(chunkSize: Int, rowsPerChunk: Int) throws {
        try Self.expectParsingAheadGivesSerialReading(
            Self.messyEntities, chunkSize: chunkSize, rowsPerChunk: rowsPerChunk)
    }

    @Test(arguments: [1, 2, 1000])
    func strictStopsAtTheSameEntityRow(rowsPerChunk: Int) {
        func failure(_ files: [String: String], _ parseAhead: ParseAhead) -> String {
            do {
                _ = try IngestRun.of(
                    files, policy: RejectPolicy(strict: true, limit: .count(0)), chunkSize: 3, parseAhead: parseAhead)
                return "no error"
            } catch {
                return Self.message(error)
            }
        }
        // The first rejection is found by the parser; a duplicate only by the declaring stage.
        var duplicateFirst = Self.messyEntities
        duplicateFirst["entities.csv"] = "id,kind\nE1,employee\nV1,vendor\nE1,vendor\n,vendor\n"
        for files in [Self.messyEntities, duplicateFirst] {
            let serial = failure(files, .serial)
            #expect(serial != "no error")
            #expect(failure(files, Self.ahead(rowsPerChunk)) == serial)
        }
        #expect(failure(duplicateFirst, .serial).contains("E1"))
    }

    @Test func theTimeWindowCountsTheSameRowsOutside() throws {
        let window = try #require(try TimeWindow.parse(since: "2025-01-05", until: "2025-01-10").get())
        let serial = try IngestRun.of(Self.messyFiles, window: window, parseAhead: .serial)
        let ahead = try IngestRun.of(Self.messyFiles, window: window, chunkSize: 3, parseAhead: Self.ahead(2))
        #expect(Outcome(ahead) == Outcome(serial))
        #expect(serial.reports.map(\.rowsOutsideWindow).reduce(0, +) > 0)
    }

    @Test func progressIsReportedEvery65536RowsWithTheBytesRead() throws {
        let folder = TemporaryFolder()
        folder.write("communications.csv", "from,to\n" + String(repeating: "a,b\n", count: 140_000))
        final class Seen: @unchecked Sendable { var bytes: [Int] = [] }
        let seen = Seen()
        var ingestor = Ingestor(policy: .standard) { (_: RowRejection) throws(IngestError) in }
        ingestor.onProgress = { seen.bytes.append($0) }
        let input = try InputDiscovery.discover(folder: folder.path).inputs[0]
        let report = try ingestor.ingest(input, chunkSize: 1 << 16)
        #expect(report.rowsAccepted == 140_000)
        #expect(seen.bytes.count == 2)
        #expect(seen.bytes == seen.bytes.sorted() && seen.bytes.allSatisfy { $0 > 0 && $0 <= report.bytes })
    }

    @Test func theQueueHandsOverChunksInOrderAndStopsEarlyOnRequest() {
        final class Counter: @unchecked Sendable { var next = 1 }
        let counter = Counter()
        let queue = ParsedChunkQueue(
            chunks: (0..<3).map { _ in ParsedLogChunk(kind: .communications, rowCapacity: 4) },
            onSecondThread: true
        ) { chunk in
            chunk.reset()
            for _ in 0..<4 {
                chunk.appendOutsideWindow(line: counter.next)
                counter.next += 1
            }
            if counter.next > 400 { chunk.ending = .endOfFile }
        }
        var lines: [Int] = []
        while true {
            let chunk = queue.next()
            lines += chunk.lineNumbers
            let ending = chunk.ending
            queue.recycle(chunk)
            if case .endOfFile = ending { break }
        }
        queue.stop()
        #expect(lines == Array(1...400))

        let early = ParsedChunkQueue(
            chunks: (0..<2).map { _ in ParsedLogChunk(kind: .access, rowCapacity: 1) },
            onSecondThread: true
        ) { chunk in
            chunk.reset()
            chunk.appendOutsideWindow(line: 1)
        }
        #expect(early.next().lineNumbers == [1])
        early.stop()
        early.stop()
    }
}
