import TestSupport
import Testing

@testable import RingfindIngest

/// Values that would poison the analysis are rejected with a reason code, never stored.
@Suite struct ValueBoundsTests {
    @Test func amountsAboveTheBoundAreRejectedSoSumsStayFinite() throws {
        let run = try IngestRun.of([
            "payments.csv":
                "from,to,amount\nv1,x1,1e308\nv2,x1,1e308\nv3,x1,1e15\nv4,x1,1000000000000000.5\nv5,x1,1e400\n"
        ])
        #expect(
            run.rejections.map(\.reason.code) == [
                "amount_too_large", "amount_too_large", "amount_too_large", "bad_number",
            ])
        #expect(run.rejections.map(\.line) == [2, 3, 5, 6])
        #expect(
            run.rejections[0].description.hasSuffix(
                "payments.csv:2:3: 'amount' is '1e308', above the largest amount accepted (1e15)"))
        #expect(run.events.payments.amount == [1e15])
        #expect(run.reports[0].rejectsByReason == ["amount_too_large": 3, "bad_number": 1])
    }

    @Test func idsThatShowAsNothingAreRejected() throws {
        let run = try IngestRun.of([
            "entities.csv":
                "id,kind\n\u{A0},employee\n\u{200B}\u{200B},vendor\n\u{202E},external\nok\u{200B},employee\n",
            "communications.csv": "from,to\na,\u{FEFF}\n\u{2060} ,b\na,b\n",
            "access.csv": "employee,action,vendor\n\u{3000},view,v\ne,view,\u{200D}\n",
        ])
        #expect(
            run.rejections.map { "\($0.line):\($0.reason.code):\($0.reason.field)" } == [
                "2:invisible_id:id", "3:invisible_id:id", "4:invisible_id:id",
                "2:invisible_id:to", "3:invisible_id:from",
                "2:invisible_id:employee", "3:invisible_id:vendor",
            ])
        #expect(
            run.rejections[2].description.hasSuffix(
                "'id' is '\\u{202e}', which shows as nothing (only spaces or invisible characters)"))
        // An id with something visible in it is kept (and shown escaped where it matters).
        #expect(run.entities.entity(forID: "ok\u{200B}") != nil)
        #expect(run.pairs(.communication) == [["a", "b"]])
    }
}
