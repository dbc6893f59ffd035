import Foundation
import TestSupport
import Testing

/// Real investigations' exports: the same world with identities split across logs, or with
/// vendors named only through resources, finds the same rings once `aliases.csv` or
/// `resources.csv` says how the names relate.
@Suite struct MappingFilesTests {
    let binary = RingfindBinaryTests()

    /// A generated world, built once as it is.
    func world() throws -> (folder: TemporaryFolder, rings: String) {
        let world = TemporaryFolder("ringfind-mapping")
        let generated = try binary.run([
            "generate", world.path, "--scale", "800", "--rings", "3", "--seed", "11", "--camouflage", "heavy",
        ])
        try #require(generated.status == 0, "\(generated.stderr)")
        let build = try binary.run(["build", world.path + "/data", "--out", world.path + "/out", "--quiet"])
        try #require(build.status == 0, "\(build.stderr)")
        return (world, try #require(world.read("out/rings.csv")))
    }

    /// The rows of a generated CSV file (no quoted fields in generated logs).
    func rows(_ world: TemporaryFolder, _ name: String) throws -> [[String]] {
        let text = try #require(world.read(name))
        try #require(!text.contains("\""))
        return text.split(separator: "\n").map {
            $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        }
    }

    func write(_ world: TemporaryFolder, _ name: String, _ rows: [[String]]) {
        world.write(name, rows.map { $0.joined(separator: ",") }.joined(separator: "\n") + "\n")
    }

    /// Employees are `ID@corp.example` in communications and `IBAN ID` in payments; access
    /// keeps `ID`. `aliases.csv` chains `IBAN ID → ID@corp.example → ID`.
    func splitIdentities(_ world: TemporaryFolder, into folder: String, withAliases: Bool) throws -> Int {
        let entities = try rows(world, "data/entities.csv")
        let employees = Set(entities.dropFirst().filter { $0[1] == "employee" }.map { $0[0] })
        var renamed = 0
        for (file, rename) in [("communications.csv", { "\($0)@corp.example" }), ("payments.csv", { "IBAN \($0)" })]
            as [(String, (String) -> String)]
        {
            var table = try rows(world, "data/" + file)
            for r in 1..<table.count {
                for c in 0...1 where employees.contains(table[r][c]) {
                    table[r][c] = rename(table[r][c])
                    renamed += 1
                }
            }
            write(world, folder + "/" + file, table)
        }
        world.write(folder + "/entities.csv", try #require(world.read("data/entities.csv")))
        world.write(folder + "/access.csv", try #require(world.read("data/access.csv")))
        if withAliases {
            let aliases =
                [["alias", "id"]]
                + employees.sorted().flatMap { [["IBAN \($0)", "\($0)@corp.example"], ["\($0)@corp.example", $0]] }
            write(world, folder + "/aliases.csv", aliases)
        }
        return renamed
    }

    @Test func splitIdentitiesWithAliasesGiveTheSameRingsAndWithoutThemLoseThem() throws {
        let (world, original) = try world()
        let renamed = try splitIdentities(world, into: "split", withAliases: true)
        #expect(renamed > 1000)
        let build = try binary.run(["build", world.path + "/split", "--out", world.path + "/split-out", "--quiet"])
        try #require(build.status == 0, "\(build.stderr)")
        #expect(world.read("split-out/rings.csv") == original)
        let manifest =
            try JSONSerialization.jsonObject(
                with: Data(contentsOf: URL(fileURLWithPath: world.path + "/split-out/build.json"))) as! [String: Any]
        let mapping = try #require(manifest["mapping"] as? [String: Any])
        #expect(mapping["rows_renamed"] as? Int == renamed)
        // Every employee has two aliases, one of which (`IBAN ID`) resolves through the other.
        let aliases = try #require(mapping["aliases"] as? Int)
        #expect(aliases > 0 && mapping["chained_aliases"] as? Int == aliases / 2)
        // The case shows the canonical id, lists its aliases, and each row's id as written.
        let suspects = try #require(world.read("split-out/suspects.csv"))
        let employee = try #require(
            suspects.split(separator: "\n").dropFirst().map { $0.split(separator: ",") }.first { $0[2] == "employee" })
        let id = String(employee[1])
        let shown = try binary.run([
            "query", world.path + "/split-out", "--format", "csv", "-e", "show \(id)@corp.example", "-e",
            "events \(id) --type payment --limit 3",
        ])
        #expect(shown.status == 0, "\(shown.stderr)")
        #expect(shown.stdout.contains("id,\(id)\n"))
        #expect(shown.stdout.contains("aliases,IBAN \(id); \(id)@corp.example\n"))
        #expect(
            shown.stdout.contains("time,type,from,to,count,amount,label,ticket,source,from_as_written,to_as_written\n"))
        #expect(shown.stdout.contains(",IBAN \(id)\n"))

        _ = try splitIdentities(world, into: "split-bare", withAliases: false)
        let bare = try binary.run([
            "build", world.path + "/split-bare", "--out", world.path + "/split-bare-out", "--quiet",
            "--suggest-aliases",
        ])
        try #require(bare.status == 0, "\(bare.stderr)")
        let ringsWithout = try #require(world.read("split-bare-out/rings.csv")).split(separator: "\n").count - 1
        #expect(ringsWithout < original.split(separator: "\n").count - 1)
        // Suggestion mode finds the mail addresses again (ids with a letter: all but a few
        // all-digit hex ids), and applies none of them.
        let employees = try rows(world, "data/entities.csv").dropFirst().filter { $0[1] == "employee" }.map { $0[0] }
        let suggestions = try rows(world, "split-bare-out/alias-suggestions.csv")
        let found = employees.filter { e in
            suggestions.contains {
                Set([$0[0], $0[2]]) == Set([e, e + "@corp.example"]) && $0[4] == "same_email_local_part"
            }
        }
        #expect(Double(found.count) >= 0.9 * Double(employees.count), "\(found.count) of \(employees.count)")
    }

    @Test func accessNamingOnlyResourcesWithResourcesCSVGivesTheSameRings() throws {
        let (world, original) = try world()
        var access = try rows(world, "data/access.csv")
        let vendorColumn = try #require(access[0].firstIndex(of: "vendor")),
            resourceColumn = try #require(access[0].firstIndex(of: "resource"))
        var vendors = Set<String>()
        // Rows that named no vendor in the first place (bulk exports) stay unmapped.
        let bulkResources = Set(access.dropFirst().filter { $0[vendorColumn].isEmpty }.map { $0[resourceColumn] })
        #expect(!bulkResources.isEmpty)
        for r in 1..<access.count where !access[r][vendorColumn].isEmpty {
            let vendor = access[r][vendorColumn]
            vendors.insert(vendor)
            access[r][resourceColumn] = "listing/\(vendor)/item-\(r)"
            access[r][vendorColumn] = ""
        }
        access = access.map { row in row.enumerated().filter { $0.offset != vendorColumn }.map(\.element) }
        for name in ["entities.csv", "communications.csv", "payments.csv"] {
            world.write("byresource/" + name, try #require(world.read("data/" + name)))
        }
        write(world, "byresource/access.csv", access)
        // Half the vendors by a prefix rule, the other half's resources exactly.
        var rules = [["resource", "vendor"]]
        for (i, vendor) in vendors.sorted().enumerated() where i % 2 == 0 {
            rules.append(["listing/\(vendor)/*", vendor])
        }
        for r in 1..<access.count {
            let resource = access[r][resourceColumn - 1]
            let vendor = resource.split(separator: "/").dropFirst().first.map(String.init) ?? ""
            if let index = vendors.sorted().firstIndex(of: vendor), index % 2 == 1 { rules.append([resource, vendor]) }
        }
        write(world, "byresource/resources.csv", rules)
        let build = try binary.run([
            "build", world.path + "/byresource", "--out", world.path + "/byresource-out", "--quiet",
        ])
        try #require(build.status == 0, "\(build.stderr)")
        #expect(world.read("byresource-out/rings.csv") == original)
        let manifest =
            try JSONSerialization.jsonObject(
                with: Data(contentsOf: URL(fileURLWithPath: world.path + "/byresource-out/build.json")))
            as! [String: Any]
        let mapping = try #require(manifest["mapping"] as? [String: Any])
        #expect(mapping["unmapped_resources"] as? Int == bulkResources.count)
        #expect(
            (mapping["prefix_resource_rules"] as? Int ?? 0) > 0 && (mapping["exact_resource_rules"] as? Int ?? 0) > 0)
    }

    @Test func aWindowAccountsForEveryRowOfTheDemo() throws {
        let output = TemporaryFolder("ringfind-window")
        let build = try binary.run([
            "build", "Datasets/demo", "--out", output.path, "--since", "2025-02-01", "--until", "2025-04-30", "--quiet",
        ])
        try #require(build.status == 0, "\(build.stderr)")
        let manifest =
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: output.path + "/build.json")))
            as! [String: Any]
        var outside = 0
        for input in manifest["inputs"] as! [[String: Any]] {
            let read = input["rows_read"] as! Int, accepted = input["rows_accepted"] as! Int
            let rejected = input["rows_rejected"] as! Int, out = input["rows_outside_window"] as! Int
            #expect(read == accepted + rejected + out, "\(input["path"] ?? "")")
            outside += out
        }
        #expect(outside > 0)
        let window = try #require(manifest["window"] as? [String: Any])
        #expect(
            window["start"] as? String == "2025-02-01T00:00:00Z" && window["end"] as? String == "2025-05-01T00:00:00Z")
        #expect(window["rows_outside_window"] as? Int == outside)
        let facts = try binary.run([
            "query", output.path, "--format", "csv", "-e",
            "sql SELECT key, value FROM manifest WHERE key LIKE 'window%' ORDER BY key",
        ])
        #expect(facts.stdout == "key,value\nwindow_end,2025-05-01T00:00:00Z\nwindow_start,2025-02-01T00:00:00Z\n")
        let bad = try binary.run([
            "build", "Datasets/demo", "--out", output.path, "--since", "2025-05-01", "--until", "2025-04-30",
        ])
        #expect(bad.status == 64 && bad.stderr.contains("is not before --until"))
    }
}
