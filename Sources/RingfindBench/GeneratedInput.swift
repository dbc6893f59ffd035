import Foundation

/// A benchmark's generated input folder: made once and reused while complete (a `.complete`
/// marker is written last, so an interrupted generation is made again).
public enum GeneratedInput {
    /// Runs `generate` into `folder` unless a complete one is already there; `what` names it in
    /// the log.
    public static func prepare(_ folder: String, what: String, log: (String) -> Void, generate: () throws -> Void)
        throws
    {
        let marker = folder + "/.complete"
        guard !FileManager.default.fileExists(atPath: marker) else { return }
        log("generating \(what) into \(folder) …")
        let started = Date()
        try? FileManager.default.removeItem(atPath: folder)
        try generate()
        _ = FileManager.default.createFile(atPath: marker, contents: Data())
        log(String(format: "generated in %.1f s", Date().timeIntervalSince(started)))
    }

    /// Bytes of the regular files directly in `folder` (or only `files`, when given).
    public static func bytes(in folder: String, files: [String]? = nil) -> Int {
        let names = files ?? ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
        return names.reduce(0) {
            $0 + ((try? FileManager.default.attributesOfItem(atPath: folder + "/" + $1)[.size] as? Int) ?? 0)
        }
    }
}
