import ArgumentParser
import Foundation
import RingfindGraph
import RingfindSynthesis

extension Camouflage: ExpressibleByArgument {}
extension RingStyle: ExpressibleByArgument {}

/// `ringfind generate OUT`: a synthetic world with planted rings, and the truth about them.
struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write a synthetic marketplace with planted broker rings, in the input contract.",
        discussion: """
            Writes OUT/data/ (entities, communications, payments, access as CSV) and OUT/truth.csv \
            (entity_id, ring_id, role: every broker account, intermediary, insider and client) beside \
            it. Build it with `ringfind build OUT/data` and score the result with \
            `ringfind eval Output --truth OUT/truth.csv`.

            --style classic (the default) is the original world, unchanged byte for byte. The other \
            styles draw a marketplace: vendors in markets (group = category-country), employees with \
            their own honest no-ticket rates (1-8 %) and workloads, sessions of several actions under \
            one ticket, legitimate sweeps and exports. Their rings do jobs on the client's own data, \
            on a rival's (same group) or in bulk; some brokers switch to a second account; some \
            insiders are recruited idle staff (one or two jobs) or busy staff (ring work < 1 % of \
            their work); some clients pay once; some rings share a client; each ring tickets its \
            access at its own rate (0-60 %). --camouflage adds mules, fronts and busy broker lives. \
            They also write OUT/planted.csv (what each ring did) and, with decoys, OUT/decoys.csv.

            Behaviours for --without: \(RingBehaviour.allCases.map(\.rawValue).joined(separator: ", ")).
            """
    )

    @Argument(help: ArgumentHelp("Folder to write the world into.", valueName: "out"), completion: .directory)
    var output: String

    @Option(help: "Seed; the same seed and options give the same files.")
    var seed: UInt64 = 1

    @Option(help: WorldParameters.scaleHelp)
    var scale: String = "small"

    @Option(help: "Number of planted rings (0 for a world without rings).")
    var rings: Int = 5

    @Option(
        help:
            "How hard rings hide: none, some or heavy (mules, fronts; heavy: off-book bribes in classic, busy broker lives)."
    )
    var camouflage: Camouflage = .none

    @Option(
        help: ArgumentHelp(
            "How brokers pay insiders: classic (the original world), timed (client pays, broker pays the insider within days, job within days), retainer (the same sum to each insider about monthly, whatever the jobs), offbook (no payment to insiders, only sustained two-way messages) or mixed (each ring draws one of the three).",
            valueName: "style"))
    var style: RingStyle = .classic

    @Flag(
        inversion: .prefixedNo,
        help:
            "Add innocent look-alikes, never ring members: contractor agencies, relatives owning a vendor, flatmates, escalating agencies, agents, cold-messaging brokers (default: on for every style but classic; classic has none)."
    )
    var decoys: Bool?

    @Option(
        help: ArgumentHelp(
            "Ring behaviours to leave out (comma-separated), in styles other than classic.", valueName: "behaviours"))
    var without: String = ""

    private var withoutBehaviours: [String] {
        without.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    func validate() throws {
        _ = try WorldParameters.scaleOption(scale)
        guard rings >= 0 else { throw ValidationError("--rings must be ≥ 0") }
        for name in withoutBehaviours where RingBehaviour(rawValue: name) == nil {
            throw ValidationError(
                "--without \(name): expected one of " + RingBehaviour.allCases.map(\.rawValue).joined(separator: ", "))
        }
        if !style.isMarketplace {
            if decoys == true {
                throw ValidationError(
                    "--decoys needs --style timed, retainer, offbook or mixed (the classic world has none)")
            }
            if !withoutBehaviours.isEmpty {
                throw ValidationError("--without needs --style timed, retainer, offbook or mixed")
            }
        }
    }

    func run() throws {
        let size = try WorldParameters.scaleOption(scale)
        var parameters = WorldParameters(
            entities: size.entities, events: size.events, rings: rings, camouflage: camouflage, seed: seed)
        parameters.style = style
        parameters.decoys = decoys ?? style.isMarketplace
        parameters.without = Set(withoutBehaviours.compactMap(RingBehaviour.init(rawValue:)))
        try CommandFailure.reporting("generate") {
            let written = try WorldGenerator(parameters).write(to: output)
            var made =
                "\(rings) rings" + (style.isMarketplace ? ", style \(style.rawValue)" : "")
                + ", camouflage \(camouflage.rawValue)"
            if parameters.decoys { made += ", \(Set(written.decoys.map(\.decoy)).count) decoys" }
            print(
                "wrote \(output)/data (\(size.entities) background entities, \(size.events) background events, \(made)) and \(output)/truth.csv (\(written.truth.count) ring members)"
            )
        }
    }
}

extension WorldParameters {
    /// `--scale`'s help, for `generate` and `bench build`.
    static let scaleHelp = ArgumentHelp(
        "small (≈5k entities, 100k events), medium (50k, 1M), large (1M, 10M), huge (10M, 100M), or a number of entities.",
        valueName: "scale")

    /// `--scale` parsed, or the message the user sees (one function for `generate` and `bench build`).
    static func scaleOption(_ text: String) throws -> (entities: Int, events: Int) {
        guard let size = scale(text) else {
            throw ValidationError("--scale \(text): expected small, medium, large, huge or a number of entities ≥ 200")
        }
        return size
    }
}
