import RingfindGraph
import ArgumentParser
import Foundation
import RingfindSynthesis

extension Camouflage: ExpressibleByArgument {}

/// `ringfind generate OUT`: a synthetic world with planted rings, and the truth about them.
struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write a synthetic marketplace with planted broker rings, in the input contract.",
        discussion: """
            Writes OUT/data/ (entities, communications, payments, access as CSV) and OUT/truth.csv \\
            (entity_id, ring_id, role) beside it. Build it with `ringfind build OUT/data` and score \\
            the result with `ringfind eval Output --truth OUT/truth.csv`.
            """
    )

    @Argument(help: ArgumentHelp("Folder to write the world into.", valueName: "out"), completion: .directory)
    var output: String

    @Option(help: "Seed; the same seed and options give the same files.")
    var seed: UInt64 = 1

    @Option(help: ArgumentHelp("small (≈5k entities, 100k events), medium (50k, 1M), large (1M, 10M), or a number of entities.",
                               valueName: "scale"))
    var scale: String = "small"

    @Option(help: "Number of planted rings.")
    var rings: Int = 5

    @Option(help: "How hard rings hide: none, some or heavy.")
    var camouflage: Camouflage = .none

    func validate() throws {
        guard WorldParameters.scale(scale) != nil else {
            throw ValidationError("--scale \(scale): expected small, medium, large or a number of entities ≥ 200")
        }
        guard rings >= 0 else { throw ValidationError("--rings must be ≥ 0") }
    }

    func run() throws {
        let size = WorldParameters.scale(scale)!
        let parameters = WorldParameters(entities: size.entities, events: size.events, rings: rings, camouflage: camouflage, seed: seed)
        do {
            let truth = try WorldGenerator(parameters).write(to: output)
            print("wrote \(output)/data (\(size.entities) background entities, \(size.events) background events, \(rings) rings, camouflage \(camouflage.rawValue)) and \(output)/truth.csv (\(truth.count) ring members)")
        } catch {
            FileHandleOutput.error("generate", "\(error)")
            throw ExitCode.failure
        }
    }
}
