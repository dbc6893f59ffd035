import Foundation
import RingfindGraph
import TestSupport
import Testing

@testable import RingfindIngest

/// `aliases` files: another name of an entity, resolved before anything else is read.
@Suite struct AliasTests {
    @Test func everyNameOfAnEmployeeBecomesItsCanonicalIdInEveryLog() throws {
        let run = try IngestRun.of([
            "aliases.csv": "alias,id\njdoe@corp.example,E10442\nJohn Doe (IBAN),E10442\n",
            "entities.csv": "id,kind,name\nE10442,employee,John Doe\n",
            "communications.csv": "from,to\njdoe@corp.example,X1\n",
            "payments.csv": "from,to,amount\nX1,John Doe (IBAN),100\n",
            "access.csv": "employee,action,vendor\nE10442,view,V1\n",
        ])
        #expect(run.rejections.isEmpty)
        #expect(run.pairs(.communication) == [["E10442", "X1"]])
        #expect(run.pairs(.payment) == [["X1", "E10442"]])
        #expect(run.pairs(.access) == [["E10442", "V1"]])
        #expect(run.entities.entity(forID: "jdoe@corp.example") == nil)
        // The rows keep the name they used.
        let uses = run.events.communications.aliasUses
        #expect(uses.count == 1 && uses.row == [0] && uses.side == [0])
        #expect(run.entities.aliases.string(uses.alias[0]) == "jdoe@corp.example")
        #expect(run.events.payments.aliasUses.side == [1])
        #expect(run.events.access.aliasUses.count == 0)
        #expect(run.mapping.aliases == 2 && run.mapping.aliasesMerged == 2 && run.mapping.rowsRenamed == 2)
        #expect(run.mapping.canonicalEntitiesWithAliases == 1)
        // Without resource rules there is nothing to count as unmapped.
        #expect(run.mapping.rowsUnmappedResource == 0 && run.mapping.unmappedResources == 0)
    }

    @Test func chainsResolveToTheirEndInAnyOrder() throws {
        let run = try IngestRun.of([
            "aliases.csv": "alias,id\nb,c\na,b\nd,a\n",
            "communications.csv": "from,to\nd,a\nb,c\n",
        ])
        #expect(run.pairs(.communication) == [["c", "c"], ["c", "c"]])
        #expect(run.mapping.chainedAliases == 2)  // a → b → c, d → a → b → c
        #expect(run.entities.count == 1)
    }

    @Test func aCycleIsAnErrorNamingItsRows() throws {
        do {
            _ = try IngestRun.of([
                "aliases.csv": "alias,id\nx,y\na,b\nb,c\nc,a\n", "communications.csv": "from,to\na,x\n",
            ])
            Issue.record("a cycle was accepted")
        } catch let error {
            guard case .aliasCycle(let rows) = error else {
                Issue.record("\(error)")
                return
            }
            #expect(rows.map(\.line).sorted() == [3, 4, 5])
            let text = error.description
            #expect(text.contains("aliases.csv:3") && text.contains("aliases.csv:4") && text.contains("aliases.csv:5"))
            #expect(text.contains("form a cycle"))
        }
    }

    @Test func oneAliasForTwoIdsIsAnErrorNamingBothRows() throws {
        do {
            _ = try IngestRun.of([
                "aliases.csv": "alias,id\njdoe,E1\njdoe,E1\njdoe,E2\n", "communications.csv": "from,to\na,b\n",
            ])
            Issue.record("a conflicting alias was accepted")
        } catch let error {
            guard case .conflictingAlias = error else {
                Issue.record("\(error)")
                return
            }
            #expect(error.description.contains("aliases.csv:4: alias 'jdoe' is given to 'E2'"))
            #expect(error.description.hasSuffix("aliases.csv:2 gave it to 'E1'; an alias names one entity"))
        }
    }

    @Test func anAliasDeclaredAsAnEntityOfAnotherKindIsAnErrorNamingBothRows() throws {
        do {
            _ = try IngestRun.of([
                "aliases.csv": "alias,id\nacme-gmbh,V7\n",
                "entities.csv": "id,kind\nV7,vendor\nacme-gmbh,external\n",
                "communications.csv": "from,to\na,b\n",
            ])
            Issue.record("a kind conflict was accepted")
        } catch let error {
            guard case .aliasKindConflict = error else {
                Issue.record("\(error)")
                return
            }
            let text = error.description
            #expect(text.contains("entities.csv:3: 'acme-gmbh' is declared external"))
            #expect(text.contains("entities.csv:2 declared 'V7' vendor, and both are names of 'V7'"))
            #expect(text.contains("aliases.csv:2"))
        }
    }

    @Test func declarationsUnderSeveralNamesMergeAndTheCanonicalRowWins() throws {
        let run = try IngestRun.of([
            "aliases.csv": "alias,id\njdoe@corp.example,E1\n",
            "entities.csv": "id,kind,name,group,hired\njdoe@corp.example,employee,jdoe,Mail,\nE1,,John Doe,,2019\n",
        ])
        #expect(run.rejections.isEmpty)
        #expect(run.entities.count == 1)
        #expect(run.entities.id(0) == "E1")
        #expect(run.entities.kinds[0] == .employee)
        #expect(run.entities.names[0] == "John Doe")
        #expect(run.entities.groups[0] == "Mail")
        #expect(run.entities.attribute(0, of: 0) == "2019")
    }

    @Test func anAliasRowWithAMissingOrInvisibleValueIsRejectedNotFatal() throws {
        let run = try IngestRun.of([
            "aliases.csv": "alias,id\n,E1\nx,\u{200B}\nok,E1\n",
            "communications.csv": "from,to\nok,b\n",
        ])
        #expect(run.rejections.map(\.reason.code) == ["missing_value", "invisible_id"])
        #expect(run.rejections.map(\.line) == [2, 3])
        #expect(run.pairs(.communication) == [["E1", "b"]])
    }

    @Test func aliasesAlsoReadFromJSONLines() throws {
        let run = try IngestRun.of([
            "aliases.jsonl": "{\"alias\": \"a\", \"id\": \"A\"}\n",
            "communications.csv": "from,to\na,b\n",
        ])
        #expect(run.pairs(.communication) == [["A", "b"]])
    }
}
