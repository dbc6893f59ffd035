import Foundation
import RingfindBuild
import TestSupport
import Testing

@testable import RingfindQuery

/// Every listing is cut at `--limit N` with a note that says so, and `--all` (like `--limit 0`)
/// shows every row.
@Suite struct ListingLimitTests {
    @Test func allShowsEveryRowAndTheCutListSaysItIsCut() throws {
        let output = try WholeGraphQueryTests.build(keepingEverythingUpTo: .max)
        let session = try QuerySession(folder: output.path, format: .csv)
        let table = try QuerySession(folder: output.path)
        let listings = [
            "rings", "suspects", "neighbors X007", "events E014", "explain 1", "top pagerank", "find E",
        ]
        var cutShort = 0
        for listing in listings {
            let everything = session.execute("\(listing) --limit 0")
            #expect(session.execute("\(listing) --all").output == everything.output, "\(listing)")
            let rows = everything.output.split(separator: "\n").count - 1
            guard rows > 1 else { continue }
            cutShort += 1
            let cut = session.execute("\(listing) --limit 1")
            #expect(cut.output.split(separator: "\n").count == 2, "\(listing)")
            let shown = table.execute("\(listing) --limit 1").output
            #expect(shown.contains("there are more (--all shows them all)"), "\(listing): \(shown)")
        }
        #expect(cutShort >= 5)
    }
}
