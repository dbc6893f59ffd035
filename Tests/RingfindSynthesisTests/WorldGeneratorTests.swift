import Foundation
import RingfindIngest
import TestSupport
import Testing

@testable import RingfindSynthesis

@Suite struct WorldGeneratorTests {
    /// FNV-1a (64 bits) over the files in order.
    static func digest(_ files: [Data]) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for file in files { for byte in file { h = (h ^ UInt64(byte)) &* 0x100_0000_01B3 } }
        return h
    }

    /// The classic style is the world as it was before styles existed, byte for byte: the digest
    /// was taken from files written by that earlier generator (`--scale 800 --rings 3 --seed 11
    /// --camouflage heavy`), so benchmarks over classic worlds keep their meaning.
    @Test func theClassicStyleIsTheOriginalWorldByteForByte() throws {
        let sample = try GeneratedSample.make(.classic, rings: 3, camouflage: .heavy, seed: 11, entities: 800)
        let files = sample.files()
        #expect(files["planted.csv"] == nil && files["decoys.csv"] == nil)
        let order = [
            "data/entities.csv", "data/communications.csv", "data/payments.csv", "data/access.csv", "truth.csv",
        ]
        #expect(Self.digest(order.map { files[$0]! }) == 0xF20D_18BD_9C16_4DA9)
    }

    @Test(arguments: [RingStyle.classic, .mixed])
    func theSameSeedGivesTheSameBytes(_ style: RingStyle) throws {
        let a = try GeneratedSample.make(style, rings: 3, seed: 5, entities: 400)
        let b = try GeneratedSample.make(style, rings: 3, seed: 5, entities: 400)
        let c = try GeneratedSample.make(style, rings: 3, seed: 6, entities: 400)
        #expect(a.files() == b.files())
        #expect(
            a.written.truth == b.written.truth && a.written.rings == b.written.rings
                && a.written.decoys == b.written.decoys)
        #expect(a.files()["data/access.csv"] != c.files()["data/access.csv"])
    }

    @Test func decoysAndBehavioursNeedAMarketplaceStyle() throws {
        var parameters = WorldParameters(entities: 200, events: 1000, rings: 1, camouflage: .none, seed: 1)
        parameters.decoys = true
        let folder = TemporaryFolder("ringfind-world")
        #expect(throws: SynthesisError.needsMarketplaceStyle(option: "--decoys")) {
            try WorldGenerator(parameters).write(to: folder.path)
        }
        parameters.decoys = false
        parameters.without = [.rival]
        #expect(throws: SynthesisError.needsMarketplaceStyle(option: "--without")) {
            try WorldGenerator(parameters).write(to: folder.path)
        }
    }

    /// Every row of every style is accepted by the ingestor, and the entities file names everyone.
    @Test(arguments: [RingStyle.classic, .timed, .retainer, .offbook, .mixed])
    func everyStyleRespectsTheInputContract(_ style: RingStyle) throws {
        let sample = try GeneratedSample.make(style, rings: 4, seed: 3, entities: 600)
        let run = try IngestRun.of(folder: sample.folder.path + "/data")
        #expect(run.rejections.isEmpty, "\(run.rejections.prefix(3))")
        #expect(run.reports.count == 4)
        for report in run.reports {
            #expect(
                report.rowsRejected == 0 && report.rowsRead == report.rowsAccepted && report.rowsRead > 0,
                "\(report.path)")
        }
        #expect(run.entities.count == sample.entities.rows.count)
    }

    @Test func aMarketplaceWithoutRingsHasAnEmptyTruthButDecoys() {
        let sample = Samples.noRings
        #expect(sample.folder.read("truth.csv") == "entity_id,ring_id,role\n")
        #expect(sample.folder.read("planted.csv")!.split(separator: "\n").count == 1)
        #expect(!sample.written.decoys.isEmpty)
        #expect(sample.access.rows.count > 5000)
    }
}
