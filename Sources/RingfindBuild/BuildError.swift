import RingfindCSV
import RingfindCase
import RingfindGraph
import RingfindIngest

/// Why a build stopped. The CLI prints the description on one line and exits non-zero.
public enum BuildError: Error, CustomStringConvertible, Sendable {
    /// A problem with the inputs (missing folder, unreadable file, too many rejects, …).
    case input(IngestError)
    /// A file rejected more rows than `--max-rejects` allows; the rejected rows were kept in
    /// `rejectedFile` (next to the previous build's outputs, which are untouched).
    case rejectsExceeded(IngestError, rejectedFile: String?)
    /// An output could not be written.
    case cannotWrite(path: String, reason: String)
    /// A report or truth file could not be read.
    case cannotRead(path: String, reason: String)
    /// A bad option value.
    case invalidOption(name: String, value: String, expected: String)
    /// A parameter of the analysis outside its range (`AnalysisParameters.check`).
    case parameterOutOfRange(name: String, value: String, expected: String)
    /// The output folder is, holds or lies inside the input folder (a build would overwrite
    /// or delete its own inputs).
    case outputOverlapsInput(input: String, output: String, relation: String)
    /// The output folder could not be prepared, locked or published.
    case output(CaseFolderError)
    /// The files of a case folder do not belong to one build (one was replaced or changed).
    case mixedCase(path: String, reason: String)
    /// The folder holds no case file (`eval` and `render --ego` read nothing else): no build
    /// was made there, or one by an older ringfind that wrote none.
    case noCaseFile(folder: String)
    /// The case file could not be opened or read (another format, another build's, corrupt).
    case caseFile(CaseError)
    /// Two different ids got the same pseudonym under this key (about 3·10⁻⁸ for a million ids).
    case pseudonymCollision(pseudonym: String)
    /// A key file that cannot be used.
    case key(PseudonymKey.Failure)

    public var description: String {
        switch self {
        case .input(let error): "\(error)"
        case .rejectsExceeded(let error, let file):
            "\(error)" + (file.map { "; the rejected rows are in \(TextSafety.terminal($0))" } ?? "")
        case .cannotWrite(let path, let reason): "cannot write \(TextSafety.quoted(path, limit: 200)): \(reason)"
        case .cannotRead(let path, let reason): "cannot read \(TextSafety.quoted(path, limit: 200)): \(reason)"
        case .invalidOption(let name, let value, let expected):
            "\(name) \(TextSafety.quoted(value)): expected \(expected)"
        case .parameterOutOfRange(let name, let value, let expected): "\(name) \(value): expected \(expected)"
        case .outputOverlapsInput(let input, let output, let relation):
            "the output folder \(TextSafety.quoted(output, limit: 200)) \(relation) the input folder \(TextSafety.quoted(input, limit: 200)); "
                + "a build would overwrite or delete its own inputs. Choose an --out outside the input folder"
        case .output(let error): "\(error)"
        case .mixedCase(let path, let reason):
            "\(TextSafety.quoted(path, limit: 200)) does not hold one whole case: \(reason); build again"
        case .noCaseFile(let folder):
            "cannot read \(TextSafety.quoted(folder + "/case.sqlite", limit: 200)): there is no case file (no build here, or a build by an "
                + "older ringfind); build again with `ringfind build DIR --out \(TextSafety.terminal(folder, limit: 200))`"
        case .caseFile(let error): "\(error)"
        case .pseudonymCollision(let pseudonym):
            "two different ids or resources have the same pseudonym \(pseudonym) under this key; make another key and build again"
        case .key(let failure): "\(failure)"
        }
    }
}

extension BuildError {
    /// A report that could not be written, as a build error (the message is the same).
    init(_ error: CSVWriteError) { self = .cannotWrite(path: error.path, reason: error.reason) }
}

/// Runs `body`, which writes CSV, turning a write failure into `BuildError.cannotWrite`.
func writingCSV<T>(_ body: () throws(CSVWriteError) -> T) throws(BuildError) -> T {
    do { return try body() } catch { throw BuildError(error) }
}
