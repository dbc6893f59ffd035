import Foundation
import RingfindCase

/// Reading the files of a finished build beside its case file (the DOT that `render --ring` and
/// `--overview` lay out again, the manifest `reveal` checks a key against) as one case: an
/// interrupted publish is finished or undone first, a running one is waited for, and every file
/// read is checked against the SHA-256 that `build.json` recorded for it — a mixed case is
/// refused. (`eval`, `render --ego` and `query` read `case.sqlite` through `CaseStore`.)
public enum CaseReading {
    /// Runs `body` with the manifest of `folder`'s case, holding the shared `case.lock`
    /// (so no publish replaces the files meanwhile), after checking `files` (relative paths).
    public static func with<R>(
        _ folder: String, checking files: [String],
        _ body: (BuildManifest) throws(BuildError) -> R
    ) throws(BuildError) -> R {
        let caseFolder = CaseFolder(path: folder)
        let lock: FileLock?
        do throws(CaseFolderError) {
            try CasePublisher.recover(caseFolder)
            lock = try caseFolder.lock(.publication, exclusive: false, create: false, wait: 60)
        } catch {
            throw .output(error)
        }
        defer { withExtendedLifetime(lock) {} }
        let manifestPath = folder + "/build.json"
        guard let data = FileManager.default.contents(atPath: manifestPath) else {
            throw .cannotRead(
                path: manifestPath, reason: "no finished build here; run `ringfind build DIR --out \(folder)` first")
        }
        let manifest: BuildManifest
        do { manifest = try BuildManifest.decode(data) } catch {
            throw .cannotRead(path: manifestPath, reason: "not a build manifest of this ringfind version; build again")
        }
        for file in files {
            guard let expected = manifest.outputSha256?[file] else { continue }
            let path = folder + "/" + file
            guard FileManager.default.fileExists(atPath: path) else {
                throw .mixedCase(path: folder, reason: "\(file) of build \(manifest.buildId) is missing")
            }
            guard try FileDigest.sha256(path) == expected else {
                throw .mixedCase(path: folder, reason: "\(file) is not the file build \(manifest.buildId) wrote")
            }
        }
        return try body(manifest)
    }

    /// The case file of `folder`, opened read-only as `CaseStore` opens it (recovering an
    /// interrupted publish, refusing a mixed case); a folder without one (no build, or a build
    /// by a ringfind that wrote none) is a `BuildError.noCaseFile`.
    public static func store(_ folder: String) throws(BuildError) -> CaseStore {
        do { return try CaseStore(folder: folder) } catch {
            if case .missing = error { throw .noCaseFile(folder: folder) }
            throw .caseFile(error)
        }
    }
}
