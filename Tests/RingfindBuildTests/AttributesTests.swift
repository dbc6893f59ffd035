import Foundation
import RingfindCase
import TestSupport
import Testing

@testable import RingfindBuild

/// The entities file's further columns reach the case file and index.html.
@Suite struct AttributesTests {
    @Test func extraColumnsAppearInTheCaseFileAndTheReport() throws {
        let output = TemporaryFolder("ringfind-attributes")
        _ = try BuildPipeline.run(
            BuildOptions(inputFolder: RepositoryFiles.path("Datasets/handmade"), outputFolder: output.path))
        let html = try #require(output.read("index.html"))
        #expect(
            html.contains(
                "<td class=\"mono\">E014</td><td>employee</td><td>Employee 14</td><td>Trust &amp; Safety</td><td>hired: 2015</td>"
            ))
        let store = try CaseStore(folder: output.path)
        let rows = try store.rows(
            "SELECT a.name, a.value FROM attributes a JOIN entities e ON e.entity = a.entity WHERE e.id = 'E014'"
        ).rows
        #expect(rows == [["hired", "2015"]])
    }
}
