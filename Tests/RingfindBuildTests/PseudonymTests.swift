import Crypto
import Foundation
import RingfindGraph
import RingfindIngest
import TestSupport
import Testing

@testable import RingfindBuild

/// HMAC-SHA-256 against RFC 4231, and the pseudonyms built on it.
@Suite struct PseudonymTests {
    static func bytes(_ hex: String) -> [UInt8] {
        var out: [UInt8] = []
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 2)
            out.append(UInt8(hex[index..<next], radix: 16)!)
            index = next
        }
        return out
    }

    static func hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }

    /// RFC 4231 §4.2–4.8: key, data, HMAC-SHA-256 (test case 5, a truncated output, is
    /// checked on its first 128 bits).
    static let vectors: [(key: [UInt8], data: [UInt8], mac: String)] = [
        (
            [UInt8](repeating: 0x0b, count: 20), Array("Hi There".utf8),
            "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"
        ),
        (
            Array("Jefe".utf8), Array("what do ya want for nothing?".utf8),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        ),
        (
            [UInt8](repeating: 0xaa, count: 20), [UInt8](repeating: 0xdd, count: 50),
            "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"
        ),
        (
            bytes("0102030405060708090a0b0c0d0e0f10111213141516171819"), [UInt8](repeating: 0xcd, count: 50),
            "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"
        ),
        ([UInt8](repeating: 0x0c, count: 20), Array("Test With Truncation".utf8), "a3b6167473100ee06e0c796c2955552b"),
        (
            [UInt8](repeating: 0xaa, count: 131), Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8),
            "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"
        ),
        (
            [UInt8](repeating: 0xaa, count: 131),
            Array(
                "This is a test using a larger than block-size key and a larger than block-size data. The key needs to be hashed before being used by the HMAC algorithm."
                    .utf8),
            "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"
        ),
    ]

    @Test(arguments: 0..<7) func hmacMatchesRFC4231(_ index: Int) {
        let vector = Self.vectors[index]
        let mac = Self.hex(HMACSHA256(key: vector.key).code(vector.data))
        #expect(mac.hasPrefix(vector.mac))
        // And swift-crypto's own HMAC agrees.
        let reference = HMAC<SHA256>.authenticationCode(for: vector.data, using: SymmetricKey(data: vector.key))
        #expect(Self.hex(Array(reference)) == mac)
    }

    static let key = PseudonymKey(bytes: Array("0123456789abcdef0123456789abcdef".utf8))!

    @Test func pseudonymsAreStableForAKeyDifferForAnotherAndSeparateDomains() throws {
        let p = Pseudonymizer(key: Self.key)
        let id = p.pseudonym("jdoe@corp.example", .id)
        #expect(id == p.pseudonym("jdoe@corp.example", .id))
        #expect(Pseudonymizer.isPseudonym(id) && id.hasPrefix("P-") && id.count == 18)
        #expect(p.pseudonym("jdoe@corp.example", .name).hasPrefix("N-"))
        #expect(p.pseudonym("jdoe@corp.example", .name).dropFirst(2) != id.dropFirst(2))
        let other = Pseudonymizer(
            key: try #require(PseudonymKey(bytes: Array("another key of thirty-two bytes!".utf8))))
        #expect(other.pseudonym("jdoe@corp.example", .id) != id)
        #expect(p.pseudonym("", .name) == "")
        // Upper-case hex after the prefix: never a lower-case id by accident.
        #expect(id.dropFirst(2).allSatisfy { $0.isNumber || ("A"..."F").contains($0) })
    }

    @Test func keyFilesMustExistAndHoldAtLeast32Bytes() {
        func failure(_ result: Result<PseudonymKey, PseudonymKey.Failure>) -> PseudonymKey.Failure? {
            if case .failure(let failure) = result { return failure }
            return nil
        }
        let folder = TemporaryFolder()
        #expect(failure(PseudonymKey.read(folder.path + "/none")) == .missing(path: folder.path + "/none"))
        let empty = folder.write("empty.key", "\n")
        #expect(failure(PseudonymKey.read(empty)) == .empty(path: empty))
        let short = folder.write("short.key", "too short\n")
        #expect(failure(PseudonymKey.read(short)) == .tooShort(path: short, length: 9))
        #expect(failure(PseudonymKey.read(short))?.description.contains("at least 32") == true)
        let good = folder.write("good.key", String(repeating: "k", count: 44) + "\n")
        #expect((try? PseudonymKey.read(good).get()) != nil)
    }

    @Test func aPseudonymisedBuildFindsTheSameRingsUnderOtherNames() throws {
        let raw = TemporaryFolder("ringfind-raw"), pseudo = TemporaryFolder("ringfind-pseudo")
        let demo = RepositoryFiles.path("Datasets/demo")
        let plain = try BuildPipeline.run(BuildOptions(inputFolder: demo, outputFolder: raw.path))
        var options = BuildOptions(inputFolder: demo, outputFolder: pseudo.path)
        let pseudonymizer = Pseudonymizer(key: Self.key)
        options.pseudonymizer = pseudonymizer
        let hidden = try BuildPipeline.run(options)
        func members(_ result: BuildResult, _ name: (String) -> String) -> [[String]] {
            result.analysis.rings.rings.map { ring in
                ring.members.map { name(result.analysis.entities.id($0.entity)) }.sorted()
            }
        }
        #expect(!plain.analysis.rings.rings.isEmpty)
        #expect(members(plain) { pseudonymizer.pseudonym($0, .id) } == members(hidden) { $0 })
        #expect(hidden.manifest.pseudonyms?.applied == true && hidden.manifest.pseudonyms?.groupsKept == false)
    }

    @Test func revealMapsPseudonymsBackFromTheBuildsInputs() throws {
        let folder = TemporaryFolder("ringfind-reveal")
        for (name, text) in [
            "entities.csv": "id,kind,name,group,email\nE1,employee,Jane Roe,Support,jr@corp.example\n",
            "communications.csv": "from,to\nE1,X9\n", "access.csv": "employee,action,resource\nE1,view,review/8812\n",
        ] {
            folder.write("in/" + name, text)
        }
        var options = BuildOptions(inputFolder: folder.path + "/in", outputFolder: folder.path + "/out")
        let p = Pseudonymizer(key: Self.key)
        options.pseudonymizer = p
        _ = try BuildPipeline.run(options)
        let asked = [
            p.pseudonym("E1", .id), p.pseudonym("Jane Roe", .name), p.pseudonym("Support", .group),
            p.pseudonym("jr@corp.example", .attribute),
            p.pseudonym("review/8812", .resource), "P-0000000000000000",
        ]
        let matches = try PseudonymReveal.fromCase(folder.path + "/out", key: Self.key, pseudonyms: asked)
        #expect(matches.map(\.original) == ["E1", "Jane Roe", "Support", "jr@corp.example", "review/8812", nil])
        #expect(matches.map(\.domain) == ["id", "name", "group", "attribute", "resource", "id"])
    }
}
