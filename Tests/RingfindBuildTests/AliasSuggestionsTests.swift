import Foundation
import RingfindGraph
import TestSupport
import Testing

@testable import RingfindBuild

/// `--suggest-aliases`: pairs worth a look, by name, e-mail local part and shared counterparties.
@Suite struct AliasSuggestionsTests {
    @Test func namesAndLocalPartsAreComparedNormalised() {
        #expect(AliasSuggestions.normalisedName("  José  MÜLLER-Smith ") == "jose muller smith")
        #expect(AliasSuggestions.localPart("J.Doe+billing@Corp.Example") == "jdoe")
        #expect(AliasSuggestions.localPart("jdoe") == "jdoe")
        #expect(AliasSuggestions.localPart("12345") == nil)  // a number is no local part
        #expect(AliasSuggestions.localPart("IBAN DE44") == nil)
    }

    @Test func suggestsSameNamesLocalPartsAndSharedCounterpartiesButNeverAppliesThem() throws {
        let folder = TemporaryFolder("ringfind-suggest")
        folder.write(
            "in/entities.csv",
            """
            id,kind,name
            E1,employee,José Müller
            E2,employee,jose muller
            V1,vendor,José Müller
            jdoe,employee,
            j.doe@corp.example,,

            """)
        // mail:u only messages A, B, C; E7 only pays them: never in one log, same counterparties.
        folder.write("in/communications.csv", "from,to\nmail:u,A\nmail:u,B\nmail:u,C\nA,Z\n")
        folder.write("in/payments.csv", "from,to,amount\nE7,A,1\nE7,B,1\nE7,C,1\n")
        var options = BuildOptions(inputFolder: folder.path + "/in", outputFolder: folder.path + "/out")
        options.suggestAliases = true
        let result = try BuildPipeline.run(options)
        let csv = try #require(folder.read("out/alias-suggestions.csv"))
        #expect(csv.hasPrefix("id_a,name_a,id_b,name_b,reason,score,shared_counterparties,key\n"))
        #expect(csv.contains("E1,José Müller,E2,jose muller,same_name,1,0,jose muller\n"))
        #expect(!csv.contains("V1"))  // a vendor is not an employee, whatever its name
        #expect(csv.contains("jdoe,,j.doe@corp.example,,same_email_local_part,1,0,jdoe\n"))
        #expect(csv.contains("mail:u,,E7,,shared_counterparties,1,3,\n"))
        #expect(!csv.contains("A,,") && !csv.contains(",Z,"))  // A and Z share a log with the others
        // Suggestions change nothing: both ids are still there.
        #expect(
            result.analysis.entities.entity(forID: "jdoe") != nil
                && result.analysis.entities.entity(forID: "j.doe@corp.example") != nil)
        let counts = try #require(result.manifest.aliasSuggestions)
        #expect(counts.sameName == 1 && counts.sameEmailLocalPart == 1 && counts.sharedCounterparties == 1)
        #expect(result.manifest.outputs.contains("alias-suggestions.csv"))
    }

    @Test func commonNamesAndHubsAreSkippedNotCompared() {
        var entities = EntityTable()
        for i in 0..<30 {
            _ = "E\(i)".withUTF8Buffer {
                entities.declare(
                    id: UnsafeRawBufferPointer($0), kind: .employee, name: "Support", group: "", line: i + 2)
            }
        }
        var suggester = AliasSuggestions()
        suggester.maxBucket = 20
        let byName = suggester.byName(entities)
        #expect(byName.suggestions.filter { $0.reason == "same_name" }.isEmpty)
        #expect(byName.bucketsSkipped == 1)
    }
}

extension String {
    fileprivate func withUTF8Buffer<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        var copy = self
        return copy.withUTF8(body)
    }
}
