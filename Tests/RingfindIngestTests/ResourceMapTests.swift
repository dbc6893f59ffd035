import Foundation
import RingfindGraph
import TestSupport
import Testing

@testable import RingfindIngest

/// `resources` files: which vendor an accessed resource belongs to.
@Suite struct ResourceMapTests {
    @Test func aMappedResourceJoinsItsVendorsEdgeAndTheLongestPrefixWins() throws {
        let run = try IngestRun.of([
            "resources.csv": "resource,vendor\nreview/8812,V1\nlisting/B07*,V2\nlisting/B07X*,V3\nlisting/B07XJ8,V4\n",
            "access.csv": """
            employee,action,vendor,resource
            e,delete_review,,review/8812
            e,edit,,listing/B07AAA
            e,edit,,listing/B07XJ9
            e,edit,,listing/B07XJ8
            e,edit,V9,review/8812
            e,export,,reports/all

            """,
        ])
        #expect(run.rejections.isEmpty)
        #expect(
            run.pairs(.access) == [["e", "V1"], ["e", "V2"], ["e", "V3"], ["e", "V4"], ["e", "V9"], ["e", "-"]])
        #expect(run.entities.kinds[Int(run.entities.entity(forID: "V2")!)] == .vendor)
        let access = run.reports.first { $0.kind == "access" }!
        #expect(access.rowsVendorFromResource == 4)
        #expect(access.rowsWithoutVendor == 1)
        #expect(run.mapping.exactResourceRules == 2 && run.mapping.prefixResourceRules == 2)
        #expect(run.mapping.unmappedResources == 1 && run.mapping.rowsUnmappedResource == 1)
    }

    @Test func aResourcesVendorMayBeAnAlias() throws {
        let run = try IngestRun.of([
            "aliases.csv": "alias,id\nAcme GmbH,V1\n",
            "resources.csv": "resource,vendor\nshop/1,Acme GmbH\n",
            "access.csv": "employee,action,resource\ne,view,shop/1\n",
        ])
        #expect(run.pairs(.access) == [["e", "V1"]])
    }

    @Test func oneResourceForTwoVendorsIsAnErrorNamingBothRows() throws {
        do {
            _ = try IngestRun.of([
                "resources.csv": "resource,vendor\nr/1,V1\nr/*,V2\nr/1,V3\n",
                "access.csv": "employee,action,resource\ne,view,r/1\n",
            ])
            Issue.record("a conflicting resource was accepted")
        } catch let error {
            guard case .conflictingResource = error else {
                Issue.record("\(error)")
                return
            }
            #expect(error.description.contains("resources.csv:4: resource 'r/1' is given to vendor 'V3'"))
            #expect(error.description.contains("resources.csv:2"))
        }
    }

    @Test func aBarePrefixIsRejected() throws {
        let run = try IngestRun.of([
            "resources.csv": "resource,vendor\n*,V1\n", "access.csv": "employee,action,resource\ne,view,r/1\n",
        ])
        #expect(run.rejections.map(\.reason.code) == ["empty_prefix"])
        #expect(run.rejections.first.map { "\($0.line):\($0.column)" } == "2:1")
    }
}
