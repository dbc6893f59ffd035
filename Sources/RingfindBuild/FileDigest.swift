import Crypto
import Foundation

/// SHA-256 of files, read in 1 MiB pieces (outputs are hashed once, when the build ends, and
/// again by readers that check a case is whole).
public enum FileDigest {
    /// The lowercase hex SHA-256 of the file at `path`.
    public static func sha256(_ path: String) throws(BuildError) -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw .cannotRead(path: path, reason: "cannot open the file")
        }
        defer { try? handle.close() }
        var hasher = SHA256()
        while true {
            let chunk: Data?
            do { chunk = try handle.read(upToCount: 1 << 20) } catch {
                throw .cannotRead(path: path, reason: "\(error)")
            }
            guard let chunk, !chunk.isEmpty else { break }
            hasher.update(data: chunk)
        }
        return hex(hasher.finalize())
    }

    /// The lowercase hex SHA-256 of `data`.
    public static func sha256(of data: Data) -> String { hex(SHA256.hash(data: data)) }

    private static func hex<D: Sequence>(_ digest: D) -> String where D.Element == UInt8 {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for byte in digest {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 15)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
