import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Where the output folder may be: never the input folder, inside it, or around it — a build
/// would otherwise replace its own inputs (`build D -o D`) or delete them (`build P/rings -o P`
/// once replaced `P/rings`). Paths are compared after resolving symbolic links, `.` and `..`.
public enum OutputPlacement {
    /// Throws `outputOverlapsInput` when the two folders are the same, or one holds the other.
    /// The input folder must exist; the output folder need not yet.
    public static func check(input: String, output: String) throws(BuildError) {
        guard let source = resolved(input), let target = resolved(output) else { return }
        let relation: String?
        if source == target {
            relation = "is"
        } else if target.hasPrefix(source.hasSuffix("/") ? source : source + "/") {
            relation = "lies inside"
        } else if source.hasPrefix(target.hasSuffix("/") ? target : target + "/") {
            relation = "holds"
        } else {
            relation = nil
        }
        if let relation { throw .outputOverlapsInput(input: input, output: output, relation: relation) }
    }

    /// The canonical absolute path of `path`: its deepest existing ancestor resolved by
    /// `realpath`, followed by the components that do not exist yet (`nil` if even `/` fails).
    static func resolved(_ path: String) -> String? {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        var existing = absolute
        var missing: [String] = []
        while true {
            if let real = realpath(existing, nil) {
                defer { free(real) }
                var result = String(cString: real)
                for component in missing.reversed() {
                    if component == "." || component.isEmpty { continue }
                    if component == ".." {
                        result = (result as NSString).deletingLastPathComponent
                        continue
                    }
                    result += (result.hasSuffix("/") ? "" : "/") + component
                }
                return result
            }
            let parent = (existing as NSString).deletingLastPathComponent
            guard parent != existing, !parent.isEmpty else { return nil }
            missing.append((existing as NSString).lastPathComponent)
            existing = parent
        }
    }

    /// A warning when an existing output folder lets others in beyond what was asked for
    /// (its mode is left as the user set it; folders a build creates get 0700 or 0750).
    public static func exposure(of folder: String, groupReadable: Bool) -> [String] {
        var info = stat()
        guard stat(folder, &info) == 0 else { return [] }
        let mode = info.st_mode & 0o777
        let extra = mode & (groupReadable ? 0o007 : 0o077)
        guard extra != 0 else { return [] }
        return [
            "the output folder has mode \(String(mode, radix: 8)) and is open to \(groupReadable ? "others" : "its group or others"); "
                + "the case holds personal data: chmod \(groupReadable ? "750" : "700") it"
        ]
    }
}
