import ArgumentParser
import Foundation
import RingfindBuild
import RingfindGraph

/// `ringfind reveal KEYFILE PSEUDONYM…`: what pseudonyms of a `--pseudonymize` build stand for.
struct RevealCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reveal",
        abstract: "Map pseudonyms of a pseudonymised build back to the ids and names they stand for (needs the key).",
        discussion: """
            Recomputes the pseudonym of every id, alias, name, group, attribute value and \
            resource in the build's inputs (the files its build.json lists, checked by SHA-256) \
            with the key, and prints those asked for. Exits 1 when a pseudonym is not found.
            """
    )

    @Argument(
        help: ArgumentHelp("The key file the build was given with --pseudonymize.", valueName: "keyfile"),
        completion: .file())
    var keyFile: String

    @Argument(help: ArgumentHelp("Pseudonyms to reveal (P-…, N-…, G-…, A-…, R-…).", valueName: "pseudonym"))
    var pseudonyms: [String]

    @Option(
        name: [.customLong("case")],
        help: ArgumentHelp("The output folder of the pseudonymised build.", valueName: "out"), completion: .directory)
    var caseFolder: String = "Output"

    @Option(
        help: ArgumentHelp(
            "Read the inputs from this folder instead of the ones the case's build.json lists.", valueName: "dir"),
        completion: .directory)
    var input: String?

    func validate() throws {
        if case .failure(let failure) = PseudonymKey.read(keyFile) { throw ValidationError(failure.description) }
        for p in pseudonyms where !Pseudonymizer.isPseudonym(p) {
            throw ValidationError(
                "\(TextSafety.quoted(p, limit: 40)) is not a pseudonym (P-, N-, G-, A- or R- and 16 hex digits)")
        }
    }

    func run() throws {
        try CommandFailure.reporting("reveal") {
            let key = try PseudonymKey.read(keyFile).mapError { BuildError.key($0) }.get()
            let matches =
                try input.map { try PseudonymReveal.fromInputs($0, key: key, pseudonyms: pseudonyms) }
                ?? PseudonymReveal.fromCase(caseFolder, key: key, pseudonyms: pseudonyms)
            print("pseudonym\tis\toriginal")
            for match in matches {
                print(
                    "\(match.pseudonym)\t\(match.domain)\t\(match.original.map { TextSafety.terminal($0) } ?? "(not found)")"
                )
            }
            if matches.contains(where: { $0.original == nil }) { throw ExitCode.failure }
        }
    }
}
