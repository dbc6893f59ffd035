import RingfindGraph
import TestSupport
import Testing

@testable import RingfindIngest

/// JSON Lines: one object per line, same fields as CSV.
@Suite struct JSONLinesReadingTests {
    @Test func readsStringsNumbersEscapesAndNull() throws {
        let run = try IngestRun.of([
            "payments.jsonl": #"""
            {"From": "a\"1", "to": "b\u00e9\ud83d\ude00", "amount": 12.5, "timestamp": 1700000000, "currency": null}
            {"src": 7, "dst": "c", "amount": "3", "count": 2}
            """#
        ])
        #expect(run.rejections.isEmpty)
        #expect(run.pairs(.payment) == [["a\"1", "bé😀"], ["7", "c"]])
        #expect(run.events.payments.amount == [12.5, 3])
        #expect(run.events.payments.time[0] == 1_700_000_000_000)
        #expect(run.events.payments.label == [-1, -1])
        #expect(run.events.payments.count == [1, 2])
    }

    /// Files joined with `cat` keep each one's byte order mark; a line starting with one was
    /// rejected as "not a JSON object" (found by `Fuzz/run.sh … jsonl`, whose JSON oracle,
    /// Foundation, ignores the mark as RFC 8259 allows).
    @Test func aByteOrderMarkAtTheStartOfAnyLineIsIgnored() throws {
        let run = try IngestRun.of([
            "communications.jsonl":
                "\u{FEFF}{\"from\":\"X1\",\"to\":\"E1\"}\n\u{FEFF}{\"from\":\"X1\",\"to\":\"E2\"}\n\u{FEFF}\n"
        ])
        #expect(run.rejections.isEmpty)
        #expect(run.pairs(.communication) == [["X1", "E1"], ["X1", "E2"]])
        #expect(run.reports[0].blankLines == 1)
    }

    @Test func keepsUnknownEntityFieldsAsAttributesIncludingNestedJSON() throws {
        let run = try IngestRun.of([
            "entities.jsonl": #"""
            {"id": "v1", "kind": "vendor", "rating": 4.5, "tags": ["a", {"b": "}"}]}
            """#
        ])
        #expect(run.entities.attributeNames == ["rating", "tags"])
        #expect(run.entities.attribute(0, of: 0) == "4.5")
        #expect(run.entities.attribute(1, of: 0) == #"["a", {"b": "}"}]"#)
    }

    @Test func malformedObjectsAreRejectedWithTheirColumn() throws {
        let run = try IngestRun.of([
            "communications.jsonl": """
            {"from": "a", "to": "b"}
            {"from": "a", "to": }
            ["a", "b"]
            {"from": "a", "to": "b"} x
            {"from": "a", "from": "c", "to": "b"}
            {"from": "a", "to": "b"

            {"from": "a", "to": "b"}
            """
        ])
        #expect(run.reports[0].rowsRead == 7)
        #expect(run.reports[0].rowsAccepted == 2)
        #expect(run.reports[0].blankLines == 1)
        let found = run.rejections.map { [$0.line, $0.column] }
        #expect(found == [[2, 21], [3, 1], [4, 26], [5, 15], [6, 24]])
        #expect(run.rejections[4].reason == .invalidJSON(detail: "the object is not closed"))
        #expect(run.rejections[3].reason == .duplicateField(field: "from"))
        #expect(run.rejections[1].row == #"["a", "b"]"#)
    }
}

@Suite struct JSONLinesAccessTests {
    @Test func accessRowsWithTicketsAndResources() throws {
        let run = try IngestRun.of([
            "access.jsonl": """
            {"user": "e1", "op": "delete_review", "seller": "v1", "ts": "2024-05-01T23:10:00+02:00", "ticket": ""}
            {"employee": "e2", "action": "migrate", "resource": "reviews-db", "ticket": "CHG-1"}
            {"employee": "e2", "action": "view", "ticket": "x"}
            """
        ])
        #expect(run.pairs(.access) == [["e1", "v1"], ["e2", "-"]])
        #expect(run.events.access.ticket.isEmpty(0) && run.events.access.ticket[1] == "CHG-1")
        #expect(run.events.access.time[0] == 1_714_597_800_000)
        #expect(run.rejections.map(\.reason) == [.missingVendorAndResource])
        #expect(run.reports[0].rowsWithoutVendor == 1)
    }
}
